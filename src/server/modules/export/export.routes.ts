import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicalCaller } from '../clients/clients.policy.js';
import { practiceOwner } from './export.policy.js';
import { clientExportQuery, clientExportSchema, clientIdParams, fhirBundleSchema } from './export.schema.js';
import type { ExportService } from './export.service.js';

export interface ExportRoutesOptions {
  exports: ExportService;
}

const tags = ['export'];
const CONTENT_TYPE = {
  json: 'application/json; charset=utf-8',
  fhir: 'application/fhir+json; charset=utf-8',
};

/** Downloads: a client's record (JSON or FHIR R4) for clinicians, the whole practice (zip) for its owner. */
export const exportRoutes: FastifyPluginAsyncZod<ExportRoutesOptions> = async (app, { exports }) => {
  app.get(
    '/api/v1/clients/:id/export',
    {
      schema: {
        tags,
        summary:
          "Everything held about the client, decrypted, as a download: Rehabit's JSON or a FHIR R4 Bundle",
        params: clientIdParams,
        querystring: clientExportQuery,
        response: { 200: z.union([clientExportSchema, fhirBundleSchema]) },
      },
    },
    async (request, reply) => {
      const file = await exports.client(clinicalCaller(request), request.params.id, request.query.format);
      // Sent as text already serialised: the body is the whole record, and the response schema above
      // documents it rather than filtering it a second time.
      return (
        reply
          .headers({
            'content-type': CONTENT_TYPE[file.format],
            'content-disposition': `attachment; filename="${file.filename}"`,
            'cache-control': 'no-store',
          })
          // A string is sent as it is (Fastify serialises objects only); the cast is for the typed reply.
          .send(JSON.stringify(file.body, null, 2) as never)
      );
    },
  );

  app.get(
    '/api/v1/practice/export',
    {
      schema: {
        tags,
        summary:
          "The practice's full export for leaving the service: a zip of every client, member, exercise, template and measure",
        response: { 200: z.unknown().describe('the zip archive') },
      },
    },
    async (request, reply) => {
      const { filename, stream } = await exports.practice(practiceOwner(request));
      return reply
        .headers({
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${filename}"`,
          'cache-control': 'no-store',
        })
        .send(stream);
    },
  );
};

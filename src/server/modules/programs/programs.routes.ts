import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicalCaller, clinicalMember } from '../clients/clients.policy.js';
import type { HandoutService } from './handout.service.js';
import { presentProgram, presentTemplate, presentVersion } from './programs.presenter.js';
import {
  accessCodeSchema,
  clientParams,
  copyBody,
  fromTemplateBody,
  handoutQuery,
  langQuery,
  programBody,
  programSchema,
  programWithCodeSchema,
  saveAsTemplateBody,
  templateSchema,
  versionListSchema,
  versionParams,
} from './programs.schema.js';
import type { ProgramsService, ProgramWithCode } from './programs.service.js';
import type { TemplatesService } from './templates.service.js';

export interface ProgramsRoutesOptions {
  programs: ProgramsService;
  templates: TemplatesService;
  handouts: HandoutService;
}

const tags = ['programs'];
const withCode = ({ program, accessCode }: ProgramWithCode) => ({
  program: presentProgram(program),
  accessCode,
});

/** A client's program, its versions and access code, copies, templates made from it, and the handout. */
export const programsRoutes: FastifyPluginAsyncZod<ProgramsRoutesOptions> = async (app, options) => {
  const { programs, templates, handouts } = options;

  app.put(
    '/api/v1/clients/:id/program',
    {
      schema: {
        tags,
        summary:
          "Save the client's program as its next version; send an item's id back to keep it (adherence refers to it)",
        params: clientParams,
        querystring: langQuery,
        body: programBody,
        response: { 200: programWithCodeSchema },
      },
    },
    async (request) =>
      withCode(
        await programs.save(clinicalCaller(request), request.params.id, request.body, request.query.lang),
      ),
  );

  app.get(
    '/api/v1/clients/:id/program',
    {
      schema: {
        tags,
        summary: "The client's current program with the access code",
        params: clientParams,
        querystring: langQuery,
        response: { 200: programWithCodeSchema },
      },
    },
    async (request) =>
      withCode(await programs.current(clinicalCaller(request), request.params.id, request.query.lang)),
  );

  app.get(
    '/api/v1/clients/:id/program/versions',
    {
      schema: {
        tags,
        summary: "Every saved version of the client's program, newest first",
        params: clientParams,
        response: { 200: versionListSchema },
      },
    },
    async (request) => ({
      items: (await programs.versions(clinicalCaller(request), request.params.id)).map(presentVersion),
    }),
  );

  app.get(
    '/api/v1/clients/:id/program/versions/:version',
    {
      schema: {
        tags,
        summary: "One saved version of the client's program",
        params: versionParams,
        querystring: langQuery,
        response: { 200: programSchema },
      },
    },
    async (request) => {
      const { id, version } = request.params;
      return presentProgram(await programs.version(clinicalCaller(request), id, version, request.query.lang));
    },
  );

  app.post(
    '/api/v1/clients/:id/access-code',
    {
      schema: {
        tags,
        summary: 'Give the client a new access code; the old one stops working at once',
        params: clientParams,
        response: { 200: accessCodeSchema },
      },
    },
    async (request) => ({
      accessCode: await programs.rotateAccessCode(clinicalCaller(request), request.params.id),
    }),
  );

  app.post(
    '/api/v1/clients/:id/program/copy',
    {
      schema: {
        tags,
        summary:
          "Copy the client's current program to another client of the practice (as that client's next version; the program's note stays). 422 content_not_transferable",
        params: clientParams,
        querystring: langQuery,
        body: copyBody,
        response: { 200: programWithCodeSchema },
      },
    },
    async (request) =>
      withCode(
        await programs.copy(
          clinicalCaller(request),
          request.params.id,
          request.body.toClientId,
          request.query.lang,
        ),
      ),
  );

  app.post(
    '/api/v1/clients/:id/program/from-template',
    {
      schema: {
        tags,
        summary: "Replace the client's exercises with a template's, as the program's next version",
        params: clientParams,
        querystring: langQuery,
        body: fromTemplateBody,
        response: { 200: programWithCodeSchema },
      },
    },
    async (request) =>
      withCode(
        await programs.fromTemplate(
          clinicalCaller(request),
          request.params.id,
          request.body.templateId,
          request.query.lang,
        ),
      ),
  );

  app.post(
    '/api/v1/clients/:id/program/template',
    {
      schema: {
        tags,
        summary:
          "Keep the client's current program as a template: exercises and dosage only, no notes (templates hold no client data)",
        params: clientParams,
        querystring: langQuery,
        body: saveAsTemplateBody,
        response: { 201: templateSchema },
      },
    },
    async (request, reply) => {
      const template = await templates.saveFromProgram(
        clinicalMember(request),
        request.params.id,
        request.body,
        request.query.lang,
      );
      return reply.status(201).send(presentTemplate(template));
    },
  );

  app.get(
    '/api/v1/clients/:id/program/handout.pdf',
    {
      schema: {
        tags,
        summary:
          "The current program as a printable PDF with the access code and a QR code to the patient app; in the client's language unless lang is given",
        params: clientParams,
        querystring: handoutQuery,
        produces: ['application/pdf'],
        response: { 200: z.unknown().describe('the PDF') },
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await handouts.render(
        clinicalCaller(request),
        request.params.id,
        request.query.lang,
      );
      // It carries the access code: no cache may keep it.
      return reply
        .headers({
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${filename}"`,
          'cache-control': 'no-store',
        })
        .send(pdf);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicalCaller, clinicalMember } from '../clients/clients.policy.js';
import { presentTemplate, presentTemplateSummary } from './programs.presenter.js';
import {
  createTemplateBody,
  langQuery,
  templateIdParams,
  templateListSchema,
  templateSchema,
  updateTemplateBody,
} from './programs.schema.js';
import type { TemplatesService } from './templates.service.js';

export interface TemplatesRoutesOptions {
  templates: TemplatesService;
}

const tags = ['programs'];

/**
 * Program templates: a member's own, or shared with the practice. Only whoever made one changes it, and
 * the practice owner a shared one; API keys read shared templates only.
 */
export const templatesRoutes: FastifyPluginAsyncZod<TemplatesRoutesOptions> = async (app, { templates }) => {
  app.get(
    '/api/v1/program-templates',
    {
      schema: {
        tags,
        summary: "The practice's shared templates and the caller's own, by name",
        response: { 200: templateListSchema },
      },
    },
    async (request) => ({
      items: (await templates.list(clinicalCaller(request))).map(presentTemplateSummary),
    }),
  );

  app.post(
    '/api/v1/program-templates',
    {
      schema: {
        tags,
        summary: 'Create a template; shared makes it visible to every clinician of the practice',
        querystring: langQuery,
        body: createTemplateBody,
        response: { 201: templateSchema },
      },
    },
    async (request, reply) => {
      const template = await templates.create(clinicalMember(request), request.body, request.query.lang);
      return reply.status(201).send(presentTemplate(template));
    },
  );

  app.get(
    '/api/v1/program-templates/:id',
    {
      schema: {
        tags,
        summary: 'A template with its exercises',
        params: templateIdParams,
        querystring: langQuery,
        response: { 200: templateSchema },
      },
    },
    async (request) =>
      presentTemplate(await templates.get(clinicalCaller(request), request.params.id, request.query.lang)),
  );

  app.patch(
    '/api/v1/program-templates/:id',
    {
      schema: {
        tags,
        summary: 'Change a template; fields left out stay as they are. 403 when the caller may not edit it',
        params: templateIdParams,
        querystring: langQuery,
        body: updateTemplateBody,
        response: { 200: templateSchema },
      },
    },
    async (request) =>
      presentTemplate(
        await templates.update(clinicalMember(request), request.params.id, request.body, request.query.lang),
      ),
  );

  app.delete(
    '/api/v1/program-templates/:id',
    {
      schema: {
        tags,
        summary: 'Delete a template; programs started from it keep their exercises',
        params: templateIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await templates.remove(clinicalMember(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};

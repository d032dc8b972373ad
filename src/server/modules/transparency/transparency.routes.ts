import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOrigin } from '../../platform/auth-context/auth-context.js';
import { clientMessageResponse } from '../messages/messages.schema.js';
import type { MessagesService } from '../messages/messages.service.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { requirePatient } from '../patient/patient-auth.js';
import { memberCaller } from '../practices/caller.js';
import {
  correctionRequestBody,
  privacySchema,
  processorListSchema,
  recordAccessQuery,
  recordAccessSchema,
} from './transparency.schema.js';
import type { TransparencyService } from './transparency.service.js';

export interface TransparencyRoutesOptions {
  transparency: TransparencyService;
  messages: Pick<MessagesService, 'requestCorrection'>;
  access: PatientAccessService;
}

/** The processor register and privacy summary; the client's access log and correction requests. */
export const transparencyRoutes: FastifyPluginAsyncZod<TransparencyRoutesOptions> = async (
  app,
  { transparency, messages, access },
) => {
  app.get(
    '/api/v1/processors',
    {
      schema: {
        tags: ['practice'],
        summary: 'The outside processors this deployment sends data to (any member of a practice)',
        response: { 200: processorListSchema },
      },
    },
    async (request) => {
      memberCaller(request);
      return { items: transparency.processors() };
    },
  );

  app.get(
    '/api/v1/privacy',
    {
      schema: {
        tags: ['privacy'],
        summary: "Public: the deployment's region, its outside processors, the data we store and how",
        response: { 200: privacySchema },
      },
    },
    async () => transparency.privacy(),
  );

  app.get(
    '/api/v1/patient/record-access',
    {
      schema: {
        tags: ['patient app'],
        summary: "Who of the practice read or changed the client's record, and when; newest first",
        querystring: recordAccessQuery,
        response: { 200: recordAccessSchema },
      },
    },
    async (request) =>
      transparency.recordAccess(await requirePatient(request, access), request.query, requestOrigin(request)),
  );

  app.post(
    '/api/v1/patient/correction-requests',
    {
      schema: {
        tags: ['patient app'],
        summary: 'Ask the practice to correct the record; it arrives as a message in the conversation',
        body: correctionRequestBody,
        response: { 201: clientMessageResponse },
      },
    },
    async (request, reply) => {
      const patient = await requirePatient(request, access);
      const sent = await messages.requestCorrection(patient, request.body, requestOrigin(request));
      return reply.status(201).send(sent);
    },
  );
};

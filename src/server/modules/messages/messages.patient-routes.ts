import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOrigin } from '../../platform/auth-context/auth-context.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { requirePatient } from '../patient/patient-auth.js';
import {
  clientConversationSchema,
  clientMessageResponse,
  conversationQuery,
  markedReadSchema,
  markReadBody,
  messageBody,
  unreadCountSchema,
} from './messages.schema.js';
import type { MessagesService } from './messages.service.js';

export interface PatientMessagesRoutesOptions {
  messages: MessagesService;
  access: PatientAccessService;
}

const tags = ['patient app'];

/** The client's side of the conversation in the patient app (bearer token, so no CSRF). */
export const patientMessagesRoutes: FastifyPluginAsyncZod<PatientMessagesRoutesOptions> = async (
  app,
  { messages, access },
) => {
  app.get(
    '/api/v1/patient/messages',
    {
      schema: {
        tags,
        summary:
          'A page of the conversation with the practice, newest last; after a reconnect, the messages after the last one held',
        querystring: conversationQuery,
        response: { 200: clientConversationSchema },
      },
    },
    async (request) =>
      messages.listOwn(await requirePatient(request, access), request.query, requestOrigin(request)),
  );

  app.get(
    '/api/v1/patient/messages/unread',
    {
      schema: {
        tags,
        summary: "How many of the practice's messages the client has not read (for the app's badge)",
        response: { 200: unreadCountSchema },
      },
    },
    async (request) => messages.unreadOwn(await requirePatient(request, access)),
  );

  app.post(
    '/api/v1/patient/messages',
    {
      schema: {
        tags,
        summary: 'Send the practice a message',
        body: messageBody,
        response: { 201: clientMessageResponse },
      },
    },
    async (request, reply) => {
      const patient = await requirePatient(request, access);
      const sent = await messages.postOwn(patient, request.body.body, requestOrigin(request));
      return reply.status(201).send(sent);
    },
  );

  app.post(
    '/api/v1/patient/messages/read',
    {
      schema: {
        tags,
        summary: "Mark the practice's messages read up to one (a read receipt the practice sees)",
        body: markReadBody,
        response: { 200: markedReadSchema },
      },
    },
    async (request) =>
      messages.markOwnRead(await requirePatient(request, access), request.body.upTo, requestOrigin(request)),
  );
};

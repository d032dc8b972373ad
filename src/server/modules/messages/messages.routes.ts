import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicalCaller } from '../clients/clients.policy.js';
import {
  clientIdParams,
  markedReadSchema,
  markReadBody,
  messageBody,
  practiceConversationSchema,
  practiceMessageResponse,
  practitionerConversationQuery,
  unreadSummarySchema,
} from './messages.schema.js';
import type { MessagesService } from './messages.service.js';

export interface MessagesRoutesOptions {
  messages: MessagesService;
}

const tags = ['messages'];

/** The practice's side of its conversations with clients: clinicians and API keys, never the front desk. */
export const messagesRoutes: FastifyPluginAsyncZod<MessagesRoutesOptions> = async (app, { messages }) => {
  app.get(
    '/api/v1/clients/:id/messages',
    {
      schema: {
        tags,
        summary:
          "A page of the client's conversation, newest last: the latest messages, older ones with before, newer ones with after",
        params: clientIdParams,
        querystring: practitionerConversationQuery,
        response: { 200: practiceConversationSchema },
      },
    },
    async (request) => messages.list(clinicalCaller(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/clients/:id/messages',
    {
      schema: {
        tags,
        summary: 'Send the client a message',
        params: clientIdParams,
        body: messageBody,
        response: { 201: practiceMessageResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await messages.post(clinicalCaller(request), request.params.id, request.body.body)),
  );

  app.post(
    '/api/v1/clients/:id/messages/read',
    {
      schema: {
        tags,
        summary: "Mark the client's messages read up to one (a read receipt the client sees)",
        params: clientIdParams,
        body: markReadBody,
        response: { 200: markedReadSchema },
      },
    },
    async (request) => messages.markRead(clinicalCaller(request), request.params.id, request.body.upTo),
  );

  app.get(
    '/api/v1/messages/unread',
    {
      schema: {
        tags,
        summary: "The practice's clients with unread messages, and how many",
        response: { 200: unreadSummarySchema },
      },
    },
    async (request) => messages.unread(clinicalCaller(request)),
  );
};

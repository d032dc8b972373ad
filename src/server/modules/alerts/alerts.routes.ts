import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden } from '../../platform/auth-context/auth-context.js';
import { clinicalCaller } from '../clients/clients.policy.js';
import {
  alertIdParams,
  alertListQuery,
  alertListSchema,
  alertResponse,
  alertRulesBody,
  alertRulesSchema,
  clientIdParams,
} from './alerts.schema.js';
import type { AlertCaller, AlertsService } from './alerts.service.js';

export interface AlertsRoutesOptions {
  alerts: AlertsService;
}

const tags = ['alerts'];
const callerOf = (request: FastifyRequest): AlertCaller => clinicalCaller(request);

/** The practice's defaults are the owner's to set; a client's rules any practitioner's. */
function ownerOf(request: FastifyRequest): AlertCaller {
  const caller = clinicalCaller(request);
  if (caller.role !== 'owner') throw forbidden("Only the practice's owner sets its alert defaults.");
  return caller;
}

/** Alerts raised by clients' activity, and the rules that raise them. */
export const alertsRoutes: FastifyPluginAsyncZod<AlertsRoutesOptions> = async (app, { alerts }) => {
  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        summary: "The practice's alerts, newest first (open ones unless asked otherwise)",
        querystring: alertListQuery,
        response: { 200: alertListSchema },
      },
    },
    async (request) => alerts.list(callerOf(request), request.query),
  );

  app.post(
    '/api/v1/alerts/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Mark an alert as seen and handled',
        params: alertIdParams,
        response: { 200: alertResponse },
      },
    },
    async (request) => alerts.acknowledge(callerOf(request), request.params.id),
  );

  app.get(
    '/api/v1/alert-rules',
    { schema: { tags, summary: "The practice's alert defaults", response: { 200: alertRulesSchema } } },
    async (request) => alerts.rules(callerOf(request), null),
  );

  app.put(
    '/api/v1/alert-rules',
    {
      schema: {
        tags,
        summary: "Set the practice's alert defaults (owner)",
        body: alertRulesBody,
        response: { 200: alertRulesSchema },
      },
    },
    async (request) => alerts.setRules(ownerOf(request), null, request.body),
  );

  app.get(
    '/api/v1/clients/:id/alert-rules',
    {
      schema: {
        tags,
        summary: "A client's alert rules, and what applies with the practice's defaults",
        params: clientIdParams,
        response: { 200: alertRulesSchema },
      },
    },
    async (request) => alerts.rules(callerOf(request), request.params.id),
  );

  app.put(
    '/api/v1/clients/:id/alert-rules',
    {
      schema: {
        tags,
        summary: "Override the practice's alert defaults for one client (null: back to the default)",
        params: clientIdParams,
        body: alertRulesBody,
        response: { 200: alertRulesSchema },
      },
    },
    async (request) => alerts.setRules(callerOf(request), request.params.id, request.body),
  );
};

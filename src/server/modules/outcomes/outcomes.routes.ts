import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicalCaller } from '../clients/clients.policy.js';
import type { AssignmentsService } from './assignments.service.js';
import type { MeasuresService } from './measures.service.js';
import {
  assignBody,
  assignmentListQuery,
  assignmentListSchema,
  assignmentParams,
  assignmentSchema,
  catalogueSchema,
  clientParams,
  customMeasureBody,
  customMeasureListQuery,
  customMeasureListSchema,
  customMeasureParams,
  customMeasureResponse,
  langQuery,
  outcomeResponseSchema,
  progressQuery,
  progressSchema,
  responseBody,
  responseListQuery,
  responseListSchema,
} from './outcomes.schema.js';
import type { OutcomesService } from './outcomes.service.js';

export interface OutcomesRoutesOptions {
  measures: MeasuresService;
  assignments: AssignmentsService;
  outcomes: OutcomesService;
}

const tags = ['outcome measures'];

/** The practitioner's side of outcome measures: catalogue, custom measures, assignments, responses, progress. */
export const outcomesRoutes: FastifyPluginAsyncZod<OutcomesRoutesOptions> = async (
  app,
  { measures, assignments, outcomes },
) => {
  app.get(
    '/api/v1/outcome-measures',
    {
      schema: {
        tags,
        summary:
          "Every measure Rehabit scores, and the practice's own, with item texts in the asked language",
        querystring: langQuery,
        response: { 200: catalogueSchema },
      },
    },
    async (request) => measures.catalogue(clinicalCaller(request), request.query.lang ?? 'en'),
  );

  app.get(
    '/api/v1/custom-measures',
    {
      schema: {
        tags,
        summary: "The practice's custom measures",
        querystring: customMeasureListQuery,
        response: { 200: customMeasureListSchema },
      },
    },
    async (request) => measures.list(clinicalCaller(request), request.query.archived),
  );

  app.post(
    '/api/v1/custom-measures',
    {
      schema: {
        tags,
        summary: 'Create a custom measure: numeric items, sum or mean, optional bands and MCID',
        body: customMeasureBody,
        response: { 201: customMeasureResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await measures.create(clinicalCaller(request), request.body)),
  );

  app.put(
    '/api/v1/custom-measures/:id',
    {
      schema: {
        tags,
        summary: 'Change a custom measure (items, ranges and scoring only until someone has answered it)',
        params: customMeasureParams,
        body: customMeasureBody,
        response: { 200: customMeasureResponse },
      },
    },
    async (request) => measures.update(clinicalCaller(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/custom-measures/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a custom measure: no new assignments; its history stays',
        params: customMeasureParams,
        response: { 200: customMeasureResponse },
      },
    },
    async (request) => measures.archive(clinicalCaller(request), request.params.id),
  );

  app.get(
    '/api/v1/clients/:id/outcome-assignments',
    {
      schema: {
        tags,
        summary: "The client's assigned measures and their schedules",
        params: clientParams,
        querystring: assignmentListQuery,
        response: { 200: assignmentListSchema },
      },
    },
    async (request) => assignments.list(clinicalCaller(request), request.params.id, request.query.active),
  );

  app.post(
    '/api/v1/clients/:id/outcome-assignments',
    {
      schema: {
        tags,
        summary: 'Assign a measure: once, every N days or weeks, or at discharge (409 already_assigned)',
        params: clientParams,
        body: assignBody,
        response: { 201: assignmentSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await assignments.assign(clinicalCaller(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/clients/:id/outcome-assignments/:assignmentId/end',
    {
      schema: {
        tags,
        summary: 'End an assignment: nothing more of it is due',
        params: assignmentParams,
        response: { 200: assignmentSchema },
      },
    },
    async (request) =>
      assignments.end(clinicalCaller(request), request.params.id, request.params.assignmentId),
  );

  app.post(
    '/api/v1/clients/:id/outcome-assignments/discharge',
    {
      schema: {
        tags,
        summary: 'Discharge: "at discharge" measures become due now, repeating ones end',
        params: clientParams,
        response: { 200: assignmentListSchema },
      },
    },
    async (request) => assignments.discharge(clinicalCaller(request), request.params.id),
  );

  app.post(
    '/api/v1/clients/:id/outcome-responses',
    {
      schema: {
        tags,
        summary: 'Enter answers taken in clinic; answers the score (400 names each missing or bad answer)',
        params: clientParams,
        body: responseBody,
        response: { 201: outcomeResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await outcomes.record(clinicalCaller(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/clients/:id/outcome-responses',
    {
      schema: {
        tags,
        summary: "The client's responses with their scores, oldest first",
        params: clientParams,
        querystring: responseListQuery,
        response: { 200: responseListSchema },
      },
    },
    async (request) => outcomes.history(clinicalCaller(request), request.params.id, request.query.measure),
  );

  app.get(
    '/api/v1/clients/:id/outcome-progress',
    {
      schema: {
        tags,
        summary: 'One measure over time with its bands, and each change from the baseline against the MCID',
        params: clientParams,
        querystring: progressQuery,
        response: { 200: progressSchema },
      },
    },
    async (request) =>
      outcomes.progress(
        clinicalCaller(request),
        request.params.id,
        request.query.measure,
        request.query.lang ?? 'en',
      ),
  );
};

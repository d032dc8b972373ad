import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOrigin } from '../../platform/auth-context/auth-context.js';
import { mediaIdParams } from '../exercises/exercises.schema.js';
import { sendMedia } from '../exercises/media-response.js';
import { adherenceBody, adherenceQuery, ownEntriesSchema, recordedSchema } from './adherence.schema.js';
import type { AdherenceService } from './adherence.service.js';
import {
  patientMeSchema,
  patientSessionSchema,
  patientSignInBody,
  regionsSchema,
} from './patient-access.schema.js';
import type { PatientAccessService } from './patient-access.service.js';
import { requirePatient } from './patient-auth.js';
import { patientProgramSchema, todayQuery } from './patient-program.schema.js';
import type { PatientProgramService } from './patient-program.service.js';

export interface PatientRoutesOptions {
  access: PatientAccessService;
  adherence: AdherenceService;
  program: PatientProgramService;
  regions: { current: string; regions: { code: string; name: string; url: string; appUrl: string }[] };
}

const tags = ['patient app'];

/** The patient app's API: a bearer token from an access code, never a cookie (so no CSRF). */
export const patientRoutes: FastifyPluginAsyncZod<PatientRoutesOptions> = async (
  app,
  { access, adherence, program, regions },
) => {
  app.post(
    '/api/v1/patient/sessions',
    {
      schema: {
        tags,
        summary:
          'Sign in with the access code (and the year of birth once the record holds information about the client)',
        body: patientSignInBody,
        response: { 201: patientSessionSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await access.signIn(request.body, requestOrigin(request))),
  );

  app.get(
    '/api/v1/patient/me',
    {
      schema: {
        tags,
        summary: 'The signed-in client, as the app greets them',
        response: { 200: patientMeSchema },
      },
    },
    async (request) => access.me(await requirePatient(request, access)),
  );

  app.delete(
    '/api/v1/patient/sessions/current',
    { schema: { tags, summary: 'Sign this device out' } },
    async (request, reply) => {
      await access.signOut(await requirePatient(request, access), requestOrigin(request));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/patient/program',
    {
      schema: {
        tags,
        summary:
          "Today's program: each exercise in full with its media and what is still due on the app's day, and the education articles",
        querystring: todayQuery,
        response: { 200: patientProgramSchema },
      },
    },
    async (request) => program.today(await requirePatient(request, access), request.query),
  );

  app.get(
    '/api/v1/patient/media/:id',
    {
      schema: {
        tags,
        summary: "An image or video of the client's program; one byte range answers 206 (video seeking)",
        params: mediaIdParams,
      },
    },
    async (request, reply) =>
      sendMedia(
        request,
        reply,
        await program.openMedia(await requirePatient(request, access), request.params.id),
      ),
  );

  app.get(
    '/api/v1/patient/adherence',
    {
      schema: {
        tags,
        summary:
          "The client's own logged exercises over a period (default: the last four weeks), for the calendar",
        querystring: adherenceQuery,
        response: { 200: ownEntriesSchema },
      },
    },
    async (request) => adherence.forClient(await requirePatient(request, access), request.query),
  );

  app.get(
    '/api/v1/regions',
    {
      schema: {
        tags,
        summary: "The regions whose deployments the patient app offers, and this deployment's",
        response: { 200: regionsSchema },
      },
    },
    async () => regions,
  );

  app.post(
    '/api/v1/patient/adherence',
    {
      schema: {
        tags,
        summary: 'Log exercises done; an entry sent again with the same clientEntryId is not stored twice',
        body: adherenceBody,
        response: { 201: recordedSchema },
      },
    },
    async (request, reply) => {
      const patient = await requirePatient(request, access);
      const recorded = await adherence.record(patient, request.body.entries, requestOrigin(request));
      return reply.status(201).send(recorded);
    },
  );
};

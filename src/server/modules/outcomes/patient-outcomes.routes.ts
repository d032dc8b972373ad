import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOrigin } from '../../platform/auth-context/auth-context.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { requirePatient } from '../patient/patient-auth.js';
import { patientDueSchema, patientResponseBody, patientResponseSchema } from './outcomes.schema.js';
import type { OutcomesService } from './outcomes.service.js';

export interface PatientOutcomesRoutesOptions {
  outcomes: OutcomesService;
  access: PatientAccessService;
}

const tags = ['patient app'];

/**
 * The questionnaires in the patient app. Partial answers stay on the device (the app resumes from
 * its own storage) and only a complete response is sent: no half-answered health data on the server.
 */
export const patientOutcomesRoutes: FastifyPluginAsyncZod<PatientOutcomesRoutesOptions> = async (
  app,
  { outcomes, access },
) => {
  app.get(
    '/api/v1/patient/outcome-measures',
    {
      schema: {
        tags,
        summary: "The questionnaires due now, with their items in the client's language",
        response: { 200: patientDueSchema },
      },
    },
    async (request) => outcomes.dueForApp(await requirePatient(request, access)),
  );

  app.post(
    '/api/v1/patient/outcome-responses',
    {
      schema: {
        tags,
        summary: 'Answer a questionnaire that is due; answers the score (409 not_due otherwise)',
        body: patientResponseBody,
        response: { 201: patientResponseSchema },
      },
    },
    async (request, reply) => {
      const patient = await requirePatient(request, access);
      const saved = await outcomes.recordFromApp(patient, request.body, requestOrigin(request));
      return reply.status(201).send(saved);
    },
  );
};

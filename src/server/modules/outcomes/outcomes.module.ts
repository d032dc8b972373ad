import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { createAssignmentsService } from './assignments.service.js';
import { createMeasuresService } from './measures.service.js';
import { createOutcomeRecords } from './outcome-records.js';
import { outcomesRoutes } from './outcomes.routes.js';
import { createOutcomesService } from './outcomes.service.js';
import { patientOutcomesRoutes } from './patient-outcomes.routes.js';

/** Outcome measures: the catalogue, custom measures, assignments, responses, progress, and the app's side. */
export async function registerOutcomes(
  app: FastifyInstance,
  platform: Platform,
  alerts: AlertsService,
  access: PatientAccessService,
) {
  const { transactor, audit, cipher, clock } = platform;
  const records = createOutcomeRecords(cipher);
  const measures = createMeasuresService({ transactor, audit, clock });
  const assignments = createAssignmentsService({ transactor, audit, clock, records });
  const outcomes = createOutcomesService({ transactor, audit, clock, records, alerts });
  await app.register(outcomesRoutes, { measures, assignments, outcomes });
  await app.register(patientOutcomesRoutes, { outcomes, access });
  return { assignments };
}

import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import { createAdherenceService } from './adherence.service.js';
import { clientAppRoutes } from './client-app.routes.js';
import { patientRoutes } from './patient.routes.js';
import { createPatientAccessService } from './patient-access.service.js';
import { createPatientProgramService } from './patient-program.service.js';

/** The patient app's sign-in, sessions and logging, and the practitioner's view of them. */
export async function registerPatientRoutes(app: FastifyInstance, platform: Platform) {
  const { transactor, audit, cipher, clock, log } = platform;
  const access = createPatientAccessService({
    transactor,
    audit,
    cipher,
    clock,
    log: log.child({ component: 'patient-access' }),
  });
  const adherence = createAdherenceService({ transactor, audit, cipher, clock });
  const program = createPatientProgramService({
    transactor,
    audit,
    cipher,
    clock,
    media: { transactor, storage: platform.storage },
  });
  await app.register(patientRoutes, { access, adherence, program });
  await app.register(clientAppRoutes, { access, adherence });
}

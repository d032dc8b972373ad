import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { Config } from '../../config.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import type { MessagesService } from '../messages/messages.service.js';
import { createAdherenceService } from './adherence.service.js';
import { createAdherenceOverview } from './adherence-overview.js';
import { clientAppRoutes } from './client-app.routes.js';
import { patientRoutes } from './patient.routes.js';
import { createPatientAccessService } from './patient-access.service.js';
import { patientPasskeysRoutes } from './patient-passkeys.routes.js';
import { createPatientPasskeysService } from './patient-passkeys.service.js';
import { createPatientProgramService } from './patient-program.service.js';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

function regionsOf(config: Config) {
  return {
    current: config.region,
    regions: config.regions.map(({ code, url }) => ({
      code,
      // Region codes are ISO-like (eu, uk, us); a deployment's own code such as "us-east1" keeps its code.
      name: (/^[a-z]{2}$/.test(code) && regionNames.of(code.toUpperCase())) || code,
      url: url.href,
      appUrl: new URL('app/', url.href.endsWith('/') ? url : `${url.href}/`).href,
    })),
  };
}

/** The patient app's sign-in, sessions and logging, and the practitioner's view of them. */
export async function registerPatientRoutes(
  app: FastifyInstance,
  platform: Platform,
  alerts: AlertsService,
  feedback: Pick<MessagesService, 'onExerciseComments'>,
) {
  const { transactor, audit, cipher, clock, log } = platform;
  const access = createPatientAccessService({
    transactor,
    audit,
    cipher,
    clock,
    log: log.child({ component: 'patient-access' }),
    alerts,
  });
  const adherence = createAdherenceService({ transactor, audit, cipher, clock, alerts, feedback });
  const program = createPatientProgramService({
    transactor,
    audit,
    cipher,
    clock,
    media: { transactor, storage: platform.storage },
  });
  await app.register(patientRoutes, { access, adherence, program, regions: regionsOf(platform.config) });
  const overview = createAdherenceOverview({ transactor, audit, clock });
  await app.register(clientAppRoutes, { access, adherence, overview });
  const passkeys = createPatientPasskeysService({
    transactor,
    audit,
    clock,
    publicUrl: platform.config.publicUrl,
    access,
  });
  await app.register(patientPasskeysRoutes, { passkeys, access });
  return { access };
}

import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import { createMediaService } from '../exercises/media.service.js';
import { createAssignmentsService } from '../outcomes/assignments.service.js';
import { createOutcomeRecords } from '../outcomes/outcome-records.js';
import { createHandoutService } from './handout.service.js';
import { programsRoutes } from './programs.routes.js';
import { createProgramsService } from './programs.service.js';
import { templatesRoutes } from './templates.routes.js';
import { createTemplatesService } from './templates.service.js';

/** Clients' programs, access codes and handouts, and the practice's program templates. */
export async function registerProgramRoutes(app: FastifyInstance, platform: Platform) {
  const { transactor, audit, cipher, clock, config, storage, log } = platform;
  // The outcome measures a program lists are assigned (once) through the outcomes module's service.
  const measures = createAssignmentsService({
    transactor,
    audit,
    clock,
    records: createOutcomeRecords(cipher),
  });
  const programs = createProgramsService({ transactor, audit, cipher, clock, measures });
  const templates = createTemplatesService({ transactor, audit, cipher, clock });
  // The handout prints exercise images through the media service, so reads of client media stay audited.
  const media = createMediaService({
    transactor,
    audit,
    clock,
    storage,
    limits: { image: config.mediaMaxImageBytes, video: config.mediaMaxVideoBytes },
    log: log.child({ component: 'media' }),
  });
  const handouts = createHandoutService({
    transactor,
    audit,
    cipher,
    clock,
    media,
    publicUrl: config.publicUrl,
    log: log.child({ component: 'handout' }),
  });
  await app.register(programsRoutes, { programs, templates, handouts });
  await app.register(templatesRoutes, { templates });
}

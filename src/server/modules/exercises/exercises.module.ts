import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import { exercisesRoutes } from './exercises.routes.js';
import { createExercisesService } from './exercises.service.js';
import { mediaRoutes } from './media.routes.js';
import { createMediaService } from './media.service.js';

/** Custom exercises and the media of any exercise, stored through the platform's object storage. */
export async function registerExerciseRoutes(app: FastifyInstance, platform: Platform) {
  const { transactor, audit, clock, config, storage, log } = platform;
  const limits = { image: config.mediaMaxImageBytes, video: config.mediaMaxVideoBytes };
  const exercises = createExercisesService({ transactor, audit, clock });
  const media = createMediaService({
    transactor,
    audit,
    clock,
    storage,
    limits,
    log: log.child({ component: 'media' }),
  });
  await app.register(exercisesRoutes, { exercises });
  await app.register(mediaRoutes, { media, limits });
}

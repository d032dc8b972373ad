import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import { importShippedContent } from './content-import.js';
import { libraryRoutes } from './library.routes.js';
import { createLibraryService, type LibraryService } from './library.service.js';

export type { ExerciseText, ExerciseTextsWrite } from './exercise-texts.js';
// What other modules use: custom exercises write their texts here, programs show summaries.
export { writeExerciseTexts } from './exercise-texts.js';
export type { Exercise, ExerciseSummary } from './library.presenter.js';
export { exerciseSchema, exerciseSummarySchema } from './library.schema.js';
export { exerciseDetail, exerciseSummaries } from './library.service.js';
export { refreshExerciseSearch } from './search-rows.js';

/**
 * The library's routes, and the import of the shipped content when the app is ready (after the
 * migrations; a quick fingerprint check when the files have not changed).
 */
export async function registerLibrary(app: FastifyInstance, platform: Platform): Promise<LibraryService> {
  const { transactor, clock, log } = platform;
  const library = createLibraryService({ transactor, clock });
  app.addHook('onReady', async () => {
    await importShippedContent({ transactor, clock, log: log.child({ component: 'library' }) });
  });
  await app.register(libraryRoutes, { library });
  return library;
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicalCaller } from '../clients/clients.policy.js';
import { presentExercise } from './exercises.presenter.js';
import {
  createExerciseBody,
  exerciseIdParams,
  exerciseSchema,
  updateExerciseBody,
} from './exercises.schema.js';
import type { ExercisesService } from './exercises.service.js';

export interface ExercisesRoutesOptions {
  exercises: ExercisesService;
}

const tags = ['exercises'];

/** Custom exercises of the practice: create, edit, archive. Reading and search are the library's. */
export const exercisesRoutes: FastifyPluginAsyncZod<ExercisesRoutesOptions> = async (app, { exercises }) => {
  app.post(
    '/api/v1/exercises',
    {
      schema: {
        tags,
        summary:
          "Create a custom exercise (owner, practitioner); 422 client_name_in_exercise when its title or description holds a client's name",
        body: createExerciseBody,
        response: { 201: exerciseSchema },
      },
    },
    async (request, reply) => {
      const created = await exercises.create(clinicalCaller(request), request.body);
      return reply.status(201).send(presentExercise(created, request.body.language));
    },
  );

  app.patch(
    '/api/v1/exercises/:id',
    {
      schema: {
        tags,
        summary: "Edit a custom exercise of the practice; Rehabit's library answers 403 library_read_only",
        params: exerciseIdParams,
        body: updateExerciseBody,
        response: { 200: exerciseSchema },
      },
    },
    async (request) =>
      presentExercise(
        await exercises.update(clinicalCaller(request), request.params.id, request.body),
        // The service's choice of language when none is given, which the presenter makes again.
        request.body.language ?? 'en',
      ),
  );

  app.delete(
    '/api/v1/exercises/:id',
    {
      schema: {
        tags,
        summary: 'Archive a custom exercise: it leaves search; programs holding it keep it',
        params: exerciseIdParams,
      },
    },
    async (request, reply) => {
      await exercises.archive(clinicalCaller(request), request.params.id);
      return reply.status(204).send();
    },
  );
};

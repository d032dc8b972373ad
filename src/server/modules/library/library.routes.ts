import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden, requirePracticeCaller } from '../../platform/auth-context/auth-context.js';
import {
  BODY_REGIONS,
  CONTRAINDICATIONS,
  DIFFICULTIES,
  EQUIPMENT,
  LANGUAGES,
  POSITIONS,
} from './exercise-tags.js';
import {
  articleListSchema,
  articleSchema,
  educationQuery,
  exerciseFiltersSchema,
  exerciseListSchema,
  exerciseSchema,
  exerciseSearchQuery,
  idParams,
  langQuery,
  recentSearchesSchema,
} from './library.schema.js';
import type { LibraryCaller, LibraryService } from './library.service.js';

export interface LibraryRoutesOptions {
  library: LibraryService;
}

/** The library holds no client data: every member of a practice may read it, and API keys too. */
function callerOf(request: FastifyRequest): LibraryCaller {
  const principal = requirePracticeCaller(request);
  return principal.kind === 'practitioner'
    ? { practiceId: principal.practiceId, practitionerId: principal.practitionerId }
    : { practiceId: principal.practiceId };
}

const filters = {
  bodyRegions: [...BODY_REGIONS],
  equipment: [...EQUIPMENT],
  positions: [...POSITIONS],
  difficulties: [...DIFFICULTIES],
  contraindications: [...CONTRAINDICATIONS],
  languages: [...LANGUAGES],
};

/** Search and read Rehabit's exercise library (with the practice's own exercises) and its education. */
export const libraryRoutes: FastifyPluginAsyncZod<LibraryRoutesOptions> = async (app, { library }) => {
  app.get(
    '/api/v1/exercises',
    {
      schema: {
        tags: ['exercises'],
        summary:
          "Search exercises (library and the practice's own): free text with typo correction, filters, ranked, paged; without q, alphabetical",
        querystring: exerciseSearchQuery,
        response: { 200: exerciseListSchema },
      },
    },
    async (request) => library.search(callerOf(request), request.query),
  );

  app.get(
    '/api/v1/exercises/:id',
    {
      schema: {
        tags: ['exercises'],
        summary: 'One exercise in full, in the language asked for (English when it has no text in it)',
        params: idParams,
        querystring: langQuery,
        response: { 200: exerciseSchema },
      },
    },
    async (request) => library.exercise(callerOf(request), request.params.id, request.query.lang),
  );

  app.get(
    '/api/v1/exercise-filters',
    {
      schema: {
        tags: ['exercises'],
        summary: 'The vocabularies of exercises (codes; the app translates them), for filters and forms',
        response: { 200: exerciseFiltersSchema },
      },
    },
    async (request) => {
      callerOf(request);
      return filters;
    },
  );

  app.get(
    '/api/v1/me/recent-searches',
    {
      schema: {
        tags: ['exercises'],
        summary: "The practitioner's last ten library searches and filters, newest first",
        response: { 200: recentSearchesSchema },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      if (!caller.practitionerId) throw forbidden('An API key has no recent searches; sign in instead.');
      return { items: await library.recentSearches({ ...caller, practitionerId: caller.practitionerId }) };
    },
  );

  app.get(
    '/api/v1/education',
    {
      schema: {
        tags: ['education'],
        summary: 'Education articles to attach to a program, by title',
        querystring: educationQuery,
        response: { 200: articleListSchema },
      },
    },
    async (request) => ({ items: await library.articles(callerOf(request), request.query) }),
  );

  app.get(
    '/api/v1/education/:id',
    {
      schema: {
        tags: ['education'],
        summary: 'One education article with its text (Markdown)',
        params: idParams,
        querystring: langQuery,
        response: { 200: articleSchema },
      },
    },
    async (request) => library.article(callerOf(request), request.params.id, request.query.lang),
  );
};

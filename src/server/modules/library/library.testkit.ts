import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { as, type TestAccount } from '../../testing/accounts.js';

// Steps shared by the library's tests.

type Caller = Pick<TestAccount, 'cookie' | 'csrfToken'>;

export interface SearchAnswer {
  items: { id: string; title: string; language: string; source: string; [field: string]: unknown }[];
  total: number;
  totalCapped: boolean;
  correctedQuery?: string;
  language: string;
}

/** GET /api/v1/exercises with these query parameters; expects 200. */
export async function search(app: FastifyInstance, caller: Caller, query: Record<string, string | number>) {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  const response = await as(app, caller, { method: 'GET', url: `/api/v1/exercises?${params}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SearchAnswer;
}

/** A custom exercise of the caller's practice, through the exercises module's route. */
export async function createCustomExercise(
  app: FastifyInstance,
  caller: Caller,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const response = await as(app, caller, {
    method: 'POST',
    url: '/api/v1/exercises',
    payload: {
      title: `Zephyr plank ${randomUUID().slice(0, 6)}`,
      description: 'Holds the trunk steady against a gentle push.',
      instructions: ['Kneel on the mat.', 'Brace your trunk.', 'Hold still.'],
      bodyRegion: 'lumbar_spine',
      equipment: ['mat'],
      position: 'kneeling',
      difficulty: 'moderate',
      contraindications: [],
      defaultDosage: {
        sets: 3,
        reps: null,
        holdSeconds: 20,
        restSeconds: 30,
        timesPerDay: 1,
        daysPerWeek: 5,
        side: 'both',
      },
      ...overrides,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

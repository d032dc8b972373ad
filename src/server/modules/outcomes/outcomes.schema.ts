import { z } from 'zod';
import { outcomeSchedules, outcomeSources } from '../../db/schema/index.js';
import { customMeasureSchema } from './instruments/index.js';

const measureCode = z
  .string({ error: 'Choose an outcome measure.' })
  .trim()
  .min(1, 'Choose an outcome measure.')
  .max(60)
  .describe('a code of API.md (PHQ-9, PSFS, ...) or custom:<id> for a custom measure of the practice');

export const language = z.enum(['en', 'de'], { error: 'Choose en or de.' });
export const langQuery = z.object({
  lang: language.optional().describe("the text's language; English where a text has no such translation"),
});
export const clientParams = z.object({ id: z.uuid('This is not a client id.') });
export const customMeasureParams = z.object({ id: z.uuid('This is not a custom measure id.') });
export const assignmentParams = clientParams.extend({
  assignmentId: z.uuid('This is not an assignment id.'),
});

// The catalogue.

const text = z.string().nullable();
const measureSchema = z
  .object({
    measure: z.string(),
    custom: z.boolean(),
    name: z.string(),
    version: z.string(),
    language: z.string().describe('the language the texts are in'),
    textAvailable: z
      .boolean()
      .describe('false: a licensed instrument whose text pack the operator has not installed'),
    instructions: text,
    items: z.array(
      z.object({
        id: z.string(),
        text,
        preamble: text,
        min: z.number(),
        max: z.number(),
        options: z.array(z.object({ value: z.number(), label: text })).nullable(),
        anchors: z.object({ min: text, max: text }).nullable(),
        scored: z.boolean(),
      }),
    ),
    range: z.object({ min: z.number(), max: z.number() }).nullable(),
    direction: z.enum(['higher_is_better', 'lower_is_better']),
    bands: z.array(z.object({ code: z.string(), from: z.number(), to: z.number(), label: z.string() })),
    mcid: z.number().nullable(),
    subscales: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        min: z.number(),
        max: z.number(),
        direction: z.enum(['higher_is_better', 'lower_is_better']),
      }),
    ),
    licence: z.object({ holder: z.string(), terms: z.string(), textShipped: z.boolean() }),
    contentPack: z.object({ language: z.string(), version: z.string() }).nullable(),
    attribution: z.array(z.string()),
    notes: z.array(z.string()),
  })
  .describe('OutcomeMeasure');

export const catalogueSchema = z.object({ items: z.array(measureSchema) });

// Custom measures.

export const customMeasureBody = customMeasureSchema;
export const customMeasureListQuery = z.object({
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: archived measures too')
    .transform((value) => value === 'true'),
});
export const customMeasureResponse = z
  .object({
    id: z.uuid(),
    measure: z.string().describe('custom:<id>, the code to assign and answer it by'),
    name: z.string(),
    definition: customMeasureSchema,
    createdAt: z.date(),
    updatedAt: z.date(),
    archivedAt: z.date().nullable(),
  })
  .describe('CustomMeasure');
export const customMeasureListSchema = z.object({ items: z.array(customMeasureResponse) });

// Assignments.

const activities = z
  .array(z.string().trim().min(1, 'Name the activity.').max(120, 'Use at most 120 characters.'))
  .min(1, 'Name at least one activity.')
  .max(5, 'The PSFS takes at most five activities.');

export const assignBody = z.object({
  measure: measureCode,
  schedule: z.enum(outcomeSchedules, { error: `Choose the schedule: ${outcomeSchedules.join(', ')}.` }),
  interval: z
    .number({ error: 'Enter the interval as a number.' })
    .int('Enter the interval as a whole number.')
    .min(1, 'Enter an interval from 1 to 365.')
    .max(365, 'Enter an interval from 1 to 365.')
    .optional()
    .describe('N of every N days or weeks; required for those schedules only'),
  startsAt: z.coerce.date().optional().describe('first due; now when left out'),
  activities: activities.optional().describe('PSFS only: the activities the client named'),
});
export type AssignInput = z.infer<typeof assignBody>;

export const assignmentSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    measure: z.string(),
    name: z.string(),
    schedule: z.enum(outcomeSchedules),
    interval: z.number().int().nullable(),
    activities: z.array(z.string()).nullable(),
    startsAt: z.date(),
    nextDueAt: z.date().nullable().describe('null: nothing more is due (or, at discharge, not yet)'),
    due: z.boolean(),
    endedAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .describe('OutcomeAssignment');
export const assignmentListSchema = z.object({ items: z.array(assignmentSchema) });
export const assignmentListQuery = z.object({
  active: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: running assignments only')
    .transform((value) => value === 'true'),
});

// Responses.

export const responseBody = z.object({
  measure: measureCode,
  answers: z
    .array(z.unknown())
    .max(200)
    .describe('one answer per item in item order: a number, or null for a skipped item'),
  activities: activities.optional().describe('PSFS only: the activity of each rating, in order'),
  takenAt: z.coerce.date().optional().describe('in clinic: when the answers were taken; now by default'),
});
export type ResponseInput = z.infer<typeof responseBody>;
export const patientResponseBody = responseBody.omit({ takenAt: true });

export const scoreSchema = z
  .object({
    total: z.number().nullable().describe('PSFS: the mean; null where the instrument has no total'),
    band: z.string().optional(),
    subscales: z.record(z.string(), z.number()).optional(),
    flags: z.array(z.string()).describe('self_harm_risk: PHQ-9 item 9 above 0'),
    healthState: z.string().optional().describe('EQ-5D-5L only'),
  })
  .describe('OutcomeScore');

const changeSchema = z
  .object({
    delta: z.number(),
    improved: z.boolean(),
    worsened: z.boolean(),
    clinicallyImportant: z.boolean().describe('the change reaches the MCID'),
  })
  .nullable()
  .describe('against the first response to the measure; null for that one, or without a total');

export const outcomeResponseSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    measure: z.string(),
    name: z.string(),
    source: z.enum(outcomeSources),
    enteredBy: z.uuid().nullable(),
    assignmentId: z.uuid().nullable(),
    answers: z.array(z.number().nullable()),
    activities: z.array(z.string()).nullable(),
    score: scoreSchema,
    change: changeSchema,
    takenAt: z.date(),
    createdAt: z.date(),
  })
  .describe('OutcomeResponse');
export const responseListSchema = z.object({ items: z.array(outcomeResponseSchema) });
export const responseListQuery = z.object({ measure: measureCode.optional() });

// Progress.

export const progressQuery = langQuery.extend({ measure: measureCode });
export const progressSchema = z
  .object({
    measure: z.string(),
    name: z.string(),
    range: z.object({ min: z.number(), max: z.number() }).nullable(),
    direction: z.enum(['higher_is_better', 'lower_is_better']),
    bands: measureSchema.shape.bands,
    mcid: z.number().nullable(),
    baseline: z.object({ responseId: z.uuid(), takenAt: z.date(), total: z.number() }).nullable(),
    points: z.array(
      z.object({
        responseId: z.uuid(),
        takenAt: z.date(),
        source: z.enum(outcomeSources),
        total: z.number().nullable(),
        band: z.string().nullable(),
        subscales: z.record(z.string(), z.number()).nullable(),
        flags: z.array(z.string()),
        change: changeSchema,
      }),
    ),
  })
  .describe('OutcomeProgress');

// The patient app.

export const patientDueSchema = z.object({
  items: z.array(
    z.object({
      assignmentId: z.uuid(),
      dueAt: z.date(),
      activities: z.array(z.string()).nullable().describe('PSFS: the activities to rate, in order'),
      measure: measureSchema,
    }),
  ),
});
export const patientResponseSchema = outcomeResponseSchema.omit({ enteredBy: true });

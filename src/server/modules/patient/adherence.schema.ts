import { z } from 'zod';
import { overviewSorts } from './adherence-overview.js';

const count = (max: number, what: string) =>
  z
    .number({ error: `Enter ${what} as a number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(0, `Enter ${what} from 0 to ${max}.`)
    .max(max, `Enter ${what} from 0 to ${max}.`)
    .nullable()
    .default(null);

export const adherenceEntryBody = z.object({
  clientEntryId: z.uuid('The app gives every entry its own id.'),
  programItemId: z.uuid('Choose an exercise of your program.'),
  date: z.iso.date('Give the day as YYYY-MM-DD.'),
  setsDone: count(50, 'the sets done'),
  repsDone: count(1000, 'the repetitions done'),
  holdSeconds: count(3600, 'the hold in seconds'),
  painLevel: count(10, 'the pain level'),
  comment: z
    .string()
    .trim()
    .max(2000, 'Use at most 2000 characters.')
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value)),
});
export type AdherenceEntryInput = z.infer<typeof adherenceEntryBody>;

export const adherenceBody = z.object({
  entries: z
    .array(adherenceEntryBody)
    .min(1, 'Send at least one entry.')
    .max(200, 'Send at most 200 entries at once.'),
});

const entry = z
  .object({
    id: z.uuid(),
    clientEntryId: z.uuid(),
    programItemId: z.uuid(),
    programVersion: z.number().int(),
    date: z.string(),
    setsDone: z.number().int().nullable(),
    repsDone: z.number().int().nullable(),
    holdSeconds: z.number().int().nullable(),
    painLevel: z.number().int().nullable(),
    comment: z.string().nullable(),
    receivedAt: z.date(),
  })
  .describe('AdherenceEntry');

export const recordedSchema = z.object({
  created: z.number().int().describe('entries new in this request; a replay answers 0'),
  items: z.array(entry),
});

export const ownEntriesSchema = z.object({ from: z.string(), to: z.string(), items: z.array(entry) });

export const adherenceQuery = z.object({
  from: z.iso
    .date('Give the day as YYYY-MM-DD.')
    .optional()
    .describe('first day; default: four weeks before `to`'),
  to: z.iso.date('Give the day as YYYY-MM-DD.').optional().describe('last day; default: today'),
});

const perExercise = z.object({
  programItemId: z.uuid(),
  exerciseId: z.uuid(),
  prescribed: z.number().int(),
  done: z.number().int(),
  percent: z.number().int().nullable(),
  lastDone: z.string().nullable(),
  averagePain: z.number().nullable(),
});

export const adherenceSchema = z.object({
  items: z.array(entry),
  summary: z
    .object({
      from: z.string(),
      to: z.string(),
      prescribed: z.number().int(),
      done: z.number().int(),
      percent: z.number().int().nullable(),
      activeDays: z.number().int(),
      missedDays: z.number().int(),
      currentStreak: z.number().int(),
      longestStreak: z.number().int(),
      lastActivity: z.string().nullable(),
      painTrend: z.array(z.object({ date: z.string(), average: z.number(), max: z.number().int() })),
      perExercise: z.array(perExercise),
    })
    .describe('AdherenceSummary'),
});

export const overviewQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(14).describe('the period, ending today'),
  sort: z
    .enum(overviewSorts)
    .default('inactive')
    .describe('inactive: longest without a log first; adherence: lowest first; name'),
});

export const overviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      clientId: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      lastActivity: z.string().nullable(),
      prescribed: z.number().int(),
      done: z.number().int(),
      percent: z.number().int().nullable(),
    }),
  ),
});

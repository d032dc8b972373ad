import { z } from 'zod';
import { sides } from '../programs/programs.schema.js';

export const todayQuery = z.object({
  date: z.iso.date('Give the day as YYYY-MM-DD.').optional().describe("the app's day; default: the server's"),
});

const media = z.object({
  id: z.uuid(),
  kind: z.enum(['image', 'video']),
  contentType: z.string(),
  byteSize: z.number().int(),
});

const item = z.object({
  id: z.uuid().describe('programItemId of adherence entries'),
  sets: z.number().int().nullable(),
  reps: z.number().int().nullable(),
  holdSeconds: z.number().int().nullable(),
  restSeconds: z.number().int().nullable(),
  timesPerDay: z.number().int().nullable(),
  daysPerWeek: z.number().int().nullable(),
  side: z.enum(sides).nullable(),
  load: z.string().nullable(),
  notes: z.string().nullable(),
  exercise: z.object({
    id: z.uuid(),
    language: z.enum(['en', 'de']),
    title: z.string(),
    description: z.string(),
    instructions: z.array(z.string()),
    bodyRegion: z.string(),
    equipment: z.array(z.string()),
    position: z.string(),
    media: z.array(media).describe('stream from /api/v1/patient/media/:id'),
  }),
  today: z.object({
    doneToday: z.number().int(),
    remainingToday: z.number().int(),
    daysDoneThisWeek: z.number().int(),
    due: z.boolean(),
  }),
});

export const patientProgramSchema = z
  .object({
    date: z.string(),
    client: z.object({ firstName: z.string() }),
    program: z
      .object({
        version: z.number().int(),
        updatedAt: z.date(),
        note: z.string().nullable(),
        items: z.array(item),
        education: z.array(
          z.object({
            id: z.uuid(),
            language: z.enum(['en', 'de']),
            title: z.string(),
            summary: z.string(),
            body: z.string().describe('Markdown'),
            readingMinutes: z.number().int(),
          }),
        ),
      })
      .nullable()
      .describe('null until the practitioner saves a program'),
  })
  .describe('PatientProgram');

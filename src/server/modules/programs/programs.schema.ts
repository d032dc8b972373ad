import { z } from 'zod';

// Programs and templates share their items: an exercise with its dosage and an optional note.

/** Outcome measure codes of API.md a program can assign (the outcome module adds more as it lands). */
export const OUTCOME_MEASURES = ['NPRS', 'PSFS', 'PHQ-9', 'GAD-7', 'GROC', 'LEFS', 'FABQ'] as const;

const whole = (min: number, max: number, what: string) =>
  z
    .number({ error: `Enter ${what} as a number from ${min} to ${max}.` })
    .int(`Enter ${what} as a whole number from ${min} to ${max}.`)
    .min(min, `Enter ${what} from ${min} to ${max}.`)
    .max(max, `Enter ${what} from ${min} to ${max}.`);
const optionalWhole = (min: number, max: number, what: string) =>
  whole(min, max, what).nullable().default(null);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value));

export const sides = ['both', 'left', 'right', 'alternate'] as const;
export const language = z.enum(['en', 'de'], { error: 'Choose en or de.' });

export const programItemBody = z.object({
  id: z.uuid('Send back the id the item was given, or leave it out for a new item.').optional(),
  exerciseId: z.uuid('Choose an exercise.'),
  sets: whole(1, 20, 'the sets'),
  reps: optionalWhole(1, 100, 'the repetitions'),
  holdSeconds: optionalWhole(0, 600, 'the hold in seconds'),
  restSeconds: optionalWhole(0, 600, 'the rest in seconds'),
  timesPerDay: whole(1, 10, 'the times per day'),
  daysPerWeek: whole(1, 7, 'the days per week'),
  side: z
    .enum(sides, { error: `Choose the side: ${sides.join(', ')}, or null.` })
    .nullable()
    .default(null),
  load: optionalText(50).describe('free text, e.g. "2 kg" or "red band"'),
  notes: optionalText(2000),
});
export type ProgramItemInput = z.infer<typeof programItemBody>;

const items = z.array(programItemBody).max(100, 'A program holds at most 100 exercises.');
const educationIds = z.array(z.uuid('This is not an education article id.')).max(50);
const outcomeMeasures = z
  .array(z.enum(OUTCOME_MEASURES, { error: `Choose from ${OUTCOME_MEASURES.join(', ')}.` }))
  .max(20);
const contentFields = {
  items,
  educationIds: educationIds.default([]),
  outcomeMeasures: outcomeMeasures.default([]),
};

export const programBody = z.object({ ...contentFields, note: optionalText(4000) });
export type ProgramInput = z.infer<typeof programBody>;

export const clientParams = z.object({ id: z.uuid('This is not a client id.') });
export const versionParams = clientParams.extend({
  version: z.coerce
    .number({ error: 'Give the version as a number.' })
    .int('Give the version as a whole number.')
    .min(1, 'Versions count from 1.'),
});
export const langQuery = z.object({
  lang: language.optional().describe("exercise texts' language; the practitioner's own by default"),
});
export const handoutQuery = z.object({
  lang: language.optional().describe("the handout's language; the client's own by default"),
});
export const copyBody = z.object({ toClientId: z.uuid('Choose the client to copy the program to.') });
export const fromTemplateBody = z.object({ templateId: z.uuid('Choose a template.') });

const exerciseSummary = z
  .object({
    id: z.uuid(),
    source: z.enum(['library', 'practice']),
    title: z.string(),
    description: z.string(),
    bodyRegion: z.string(),
    equipment: z.array(z.string()),
    position: z.string(),
    difficulty: z.string(),
    archived: z.boolean(),
    thumbnailMediaId: z.uuid().nullable(),
  })
  .describe('ProgramExercise');

const programItem = z.object({
  id: z.uuid(),
  exerciseId: z.uuid(),
  sets: z.number().int().nullable(),
  reps: z.number().int().nullable(),
  holdSeconds: z.number().int().nullable(),
  restSeconds: z.number().int().nullable(),
  timesPerDay: z.number().int().nullable(),
  daysPerWeek: z.number().int().nullable(),
  side: z.enum(sides).nullable(),
  load: z.string().nullable(),
  notes: z.string().nullable(),
  exercise: exerciseSummary.nullable().describe('null when the exercise no longer exists'),
});

const person = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const programSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    version: z.number().int(),
    items: z.array(programItem),
    educationIds: z.array(z.uuid()),
    outcomeMeasures: z.array(z.string()),
    note: z.string().nullable(),
    updatedAt: z.string(),
    updatedBy: person.describe('the practitioner who saved this version; null for an integration'),
  })
  .describe('Program');

export const programWithCodeSchema = z.object({
  program: programSchema,
  accessCode: z.string().describe('10 lowercase letters; show as two groups of five'),
});
export const accessCodeSchema = z.object({ accessCode: z.string() });
export const versionListSchema = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      createdAt: z.string(),
      createdBy: person,
      itemCount: z.number().int(),
    }),
  ),
});

export const templateIdParams = z.object({ id: z.uuid('This is not a template id.') });
const templateName = z
  .string()
  .trim()
  .min(1, 'Give the template a name.')
  .max(200, 'Use at most 200 characters.');
const templateDescription = optionalText(2000);
const shared = z.boolean({ error: 'Say whether the template is shared with the practice.' });

export const createTemplateBody = z.object({
  name: templateName,
  description: templateDescription,
  shared,
  items,
  educationIds: educationIds.default([]),
  outcomeMeasures: outcomeMeasures.default([]),
});
export type CreateTemplateInput = z.infer<typeof createTemplateBody>;

/** A client's current program kept as a template: its exercises and dosage, never its notes. */
export const saveAsTemplateBody = z.object({ name: templateName, description: templateDescription, shared });
export type SaveAsTemplateInput = z.infer<typeof saveAsTemplateBody>;

export const updateTemplateBody = z.object({
  name: templateName.optional(),
  description: z
    .string()
    .trim()
    .max(2000, 'Use at most 2000 characters.')
    .nullable()
    .optional()
    .transform((value) => (value === '' ? null : value)),
  shared: shared.optional(),
  items: items.optional(),
  educationIds: educationIds.optional(),
  outcomeMeasures: outcomeMeasures.optional(),
});
export type UpdateTemplateInput = z.infer<typeof updateTemplateBody>;

const templateFields = {
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  shared: z.boolean(),
  owner: person.describe('who made it; null when they left the practice'),
  mine: z.boolean(),
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const templateSummarySchema = z
  .object({ ...templateFields, itemCount: z.number().int() })
  .describe('ProgramTemplateSummary');
export const templateSchema = z
  .object({
    ...templateFields,
    items: z.array(programItem),
    educationIds: z.array(z.uuid()),
    outcomeMeasures: z.array(z.string()),
  })
  .describe('ProgramTemplate');
export const templateListSchema = z.object({ items: z.array(templateSummarySchema) });

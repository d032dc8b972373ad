import { z } from 'zod';
import {
  bodyRegion,
  CONTRAINDICATIONS,
  contraindication,
  difficulty,
  dosage,
  equipmentList,
  language,
  position,
} from '../library/exercise-tags.js';

// Custom exercises have the fields of the shipped library (content/exercises), in the same vocabularies.

const title = z
  .string({ error: 'Give the exercise a title.' })
  .trim()
  .min(1, 'Give the exercise a title.')
  .max(120, 'Use at most 120 characters for the title.');
const description = z
  .string({ error: 'Describe the exercise in a sentence or two.' })
  .trim()
  .min(1, 'Describe the exercise in a sentence or two.')
  .max(1000, 'Use at most 1000 characters for the description.');
const instructions = z
  .array(z.string().trim().min(1, 'A step cannot be empty.').max(500, 'Use at most 500 characters per step.'))
  .min(1, 'Give at least one instruction.')
  .max(15, 'Give at most 15 instructions.');
const keywords = z.array(z.string().trim().min(1).max(60)).max(10, 'Give at most 10 keywords.');
const contraindications = z
  .array(contraindication)
  .max(CONTRAINDICATIONS.length)
  .refine((items) => new Set(items).size === items.length, {
    message: 'A contraindication is listed twice.',
  });

/** An exercise's words in one language. */
export const exerciseTextInput = z.object({
  title,
  description,
  instructions,
  keywords: keywords.optional(),
});
export type ExerciseTextInput = z.infer<typeof exerciseTextInput>;

const translations = z
  .object({ en: exerciseTextInput.optional(), de: exerciseTextInput.optional() })
  .strict()
  .describe('the exercise in further languages, each complete');

export const createExerciseBody = z
  .object({
    title,
    description,
    instructions,
    keywords: keywords.optional(),
    bodyRegion,
    equipment: equipmentList,
    position,
    difficulty,
    contraindications: contraindications.default([]),
    defaultDosage: dosage,
    language: language.default('en').describe('the language of title, description and instructions'),
    translations: translations.optional(),
    featuredClientId: z
      .uuid()
      .nullable()
      .optional()
      .describe('the client this exercise shows or is made for'),
  })
  .refine((body) => !body.translations?.[body.language], {
    message: 'The main text is already in this language; leave it out of translations.',
    path: ['translations'],
  });
export type CreateExerciseInput = z.infer<typeof createExerciseBody>;

// A translation in the main text's language is refused by the service: when `language` is left out,
// only the service knows which language that is.
export const updateExerciseBody = z.object({
  title: title.optional(),
  description: description.optional(),
  instructions: instructions.optional(),
  keywords: keywords.optional(),
  bodyRegion: bodyRegion.optional(),
  equipment: equipmentList.optional(),
  position: position.optional(),
  difficulty: difficulty.optional(),
  contraindications: contraindications.optional(),
  defaultDosage: dosage.optional(),
  language: language
    .optional()
    .describe(
      'the language the title, description and instructions given are in; by default English, or the only language the exercise has',
    ),
  translations: translations.optional().describe('texts in further languages, each replaced as a whole'),
  featuredClientId: z.uuid().nullable().optional().describe('null: the exercise no longer features a client'),
});
export type UpdateExerciseInput = z.infer<typeof updateExerciseBody>;

export const exerciseIdParams = z.object({ id: z.uuid() });
export const mediaIdParams = z.object({ id: z.uuid() });

export const mediaSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['image', 'video']),
    contentType: z.string(),
    byteSize: z.number().int(),
    featuredClientId: z.uuid().nullable(),
  })
  .describe('ExerciseMedia');

export const exerciseSchema = z
  .object({
    id: z.uuid(),
    source: z.enum(['library', 'practice']),
    language: language.describe('the language of title, description, instructions and keywords'),
    languages: z.array(language).describe('the languages the exercise has texts in'),
    title: z.string(),
    description: z.string(),
    instructions: z.array(z.string()),
    keywords: z.array(z.string()),
    bodyRegion: z.string(),
    equipment: z.array(z.string()),
    position: z.string(),
    difficulty: z.string(),
    contraindications: z.array(z.string()),
    defaultDosage: dosage,
    featuredClientId: z.uuid().nullable(),
    thumbnailMediaId: z.uuid().nullable(),
    media: z.array(mediaSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('CustomExercise');

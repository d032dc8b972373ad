import { z } from 'zod';
import { correctableFields, MESSAGE_MAX_CHARS } from '../messages/messages.schema.js';
import { accessActivities } from './access-words.js';
import { DATA_CATEGORY_IDS, protections } from './data-categories.js';
import { processorServices } from './processor-register.js';

const localised = z.object({ en: z.string(), de: z.string() });

const categoryRef = z.object({ id: z.enum(DATA_CATEGORY_IDS), label: localised });

export const processorSchema = z
  .object({
    name: z.string(),
    purpose: localised,
    location: z.string().nullable().describe('where it processes the data; null: not stated by the operator'),
    dataCategories: z.array(categoryRef),
    termsUrl: z.string().nullable(),
    service: z.enum(processorServices),
    source: z
      .enum(['register', 'derived'])
      .describe('register: listed by the operator; derived: from SMTP_URL or SMS_PROVIDER'),
  })
  .describe('Processor');

export const processorListSchema = z.object({ items: z.array(processorSchema) });

export const privacySchema = z
  .object({
    region: z.string().describe("this deployment's region: its data, backups and keys stay there"),
    processors: z.array(processorSchema).describe('every outside processor; empty: none'),
    dataCategories: z.array(
      z.object({
        id: z.enum(DATA_CATEGORY_IDS),
        subject: z.enum(['practitioner', 'client']),
        label: localised,
        includes: localised,
        protection: z
          .array(z.enum(protections))
          .describe('enc: AES-256-GCM in the application; hash: one-way; bidx: blind index; plain: as is'),
      }),
    ),
    neverStored: z.array(localised),
  })
  .describe('Privacy');

export const recordAccessQuery = z.object({
  limit: z.coerce
    .number({ error: 'Enter the limit as a number from 1 to 100.' })
    .int('Enter the limit as a whole number from 1 to 100.')
    .min(1, 'Enter a limit from 1 to 100.')
    .max(100, 'Enter a limit from 1 to 100.')
    .default(20),
  offset: z.coerce
    .number({ error: 'Enter the offset as a whole number.' })
    .int('Enter the offset as a whole number.')
    .min(0, 'Enter an offset of 0 or more.')
    .max(100_000, 'Enter an offset of at most 100000.')
    .default(0),
});
export type RecordAccessQuery = z.infer<typeof recordAccessQuery>;

export const recordAccessSchema = z.object({
  items: z
    .array(
      z.object({
        at: z.date(),
        who: z.object({
          type: z.enum(['practitioner', 'api_key', 'operator']),
          name: z
            .string()
            .nullable()
            .describe("a member's full name or an API key's name; null once it is gone, or for the operator"),
          role: z.enum(['owner', 'practitioner', 'front_desk']).nullable(),
        }),
        activity: z.enum(accessActivities).describe('what they did, for the app to put in plain words'),
        fields: z.array(z.string()).describe('with changed_details: the fields that changed (never values)'),
      }),
    )
    .describe('newest first'),
  hasMore: z.boolean(),
});

export const correctionRequestBody = z.object({
  field: z
    .enum(correctableFields, { error: `Choose one of: ${correctableFields.join(', ')}.` })
    .optional()
    .describe('the field to correct; absent: something else, or several'),
  message: z
    .string({ error: 'Say what should be corrected.' })
    .trim()
    .min(1, 'Say what should be corrected.')
    .max(MESSAGE_MAX_CHARS, `Use at most ${MESSAGE_MAX_CHARS} characters.`),
});
export type CorrectionRequestInput = z.infer<typeof correctionRequestBody>;

import { z } from 'zod';
import { alertKinds } from '../../db/schema/index.js';

export const alertIdParams = z.object({ id: z.uuid('This is not an alert id.') });
export const clientIdParams = z.object({ id: z.uuid('This is not a client id.') });

export const alertListQuery = z.object({
  status: z.enum(['open', 'acknowledged', 'all']).default('open'),
  clientId: z.uuid('This is not a client id.').optional(),
  before: z.coerce.date().optional().describe("the createdAt of the previous page's last alert"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const alertSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(alertKinds),
    urgent: z.boolean().describe('self_harm_risk: show first, act today'),
    client: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
    details: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        'pain: {painLevel, threshold, programItemId, date, entryId}; access_code_locked: null; no_adherence: {days, threshold, since}; outcome_worse: {responseId, measure, delta, mcid}; self_harm_risk: {responseId, measure}',
      ),
    createdAt: z.date(),
    acknowledgedAt: z.date().nullable(),
    acknowledgedBy: z.uuid().nullable(),
  })
  .describe('Alert');

export const alertResponse = alertSchema;
export const alertListSchema = z.object({ items: z.array(alertSchema) });

const painAtOrAbove = z
  .number({ error: 'Enter the pain level as a number from 1 to 10.' })
  .int('Enter the pain level as a whole number from 1 to 10.')
  .min(1, 'Enter a pain level from 1 to 10.')
  .max(10, 'Enter a pain level from 1 to 10.');

const noAdherenceDays = z
  .number({ error: 'Enter the days as a number from 0 (off) to 90.' })
  .int('Enter the days as a whole number from 0 (off) to 90.')
  .min(0, 'Enter the days from 0 (off) to 90.')
  .max(90, 'Enter the days from 0 (off) to 90.');

// Each rule: a value, null (back to the practice's default, or Rehabit's), or left out (unchanged).
export const alertRulesBody = z.object({
  painAtOrAbove: painAtOrAbove
    .nullable()
    .optional()
    .describe("null: the practice's default (for a client) or Rehabit's (10)"),
  noAdherenceDays: noAdherenceDays
    .nullable()
    .optional()
    .describe('days without a logged exercise before an alert; 0 turns it off; null: the default (7)'),
  scoreWorseByMcid: z
    .boolean({ error: 'Choose true or false.' })
    .nullable()
    .optional()
    .describe('alert when a score is worse than the baseline by the MCID or more; null: the default (true)'),
});

export const alertRulesSchema = z
  .object({
    painAtOrAbove: z.number().int().nullable(),
    noAdherenceDays: z.number().int().nullable(),
    scoreWorseByMcid: z.boolean().nullable(),
    effective: z.object({
      painAtOrAbove: z.number().int(),
      noAdherenceDays: z.number().int(),
      scoreWorseByMcid: z.boolean(),
      selfHarmRisk: z
        .literal(true)
        .describe('PHQ-9 item 9 above 0 always raises an urgent alert; it cannot be turned off'),
    }),
  })
  .describe('AlertRules');

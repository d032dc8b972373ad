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
    client: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
    details: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('pain: {painLevel, threshold, programItemId, date, entryId}; access_code_locked: null'),
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

export const alertRulesBody = z.object({
  painAtOrAbove: painAtOrAbove
    .nullable()
    .describe("null: the practice's default (for a client) or Rehabit's (10)"),
});

export const alertRulesSchema = z
  .object({
    painAtOrAbove: z.number().int().nullable(),
    effective: z.object({ painAtOrAbove: z.number().int() }),
  })
  .describe('AlertRules');

import { z } from 'zod';

export const apiKeyNameBody = z.object({
  name: z
    .string({ error: 'Give the key a name, so you can tell it apart later.' })
    .trim()
    .min(1, 'Give the key a name, so you can tell it apart later.')
    .max(100, 'Use at most 100 characters for the name.'),
});

export const createdApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe('the first characters of the key, to recognise it in lists'),
    key: z.string().describe('the key itself; shown this once and never again'),
    createdAt: z.string(),
  })
  .describe('CreatedApiKey');

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().describe('the last use, recorded at most once a minute'),
    createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  })
  .describe('ApiKey');

export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });

export const currentApiKeySchema = z
  .object({ id: z.uuid(), name: z.string(), practiceId: z.uuid() })
  .describe('CurrentApiKey');

export const apiKeyIdParams = z.object({ id: z.uuid() });

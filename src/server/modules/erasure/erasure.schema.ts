import { z } from 'zod';

/** Erasure cannot be undone: the caller says so in the body, not only by calling. */
export const confirmBody = z.object({
  confirm: z.literal(true, { error: 'Send confirm: true to erase; this cannot be undone.' }),
});

export const clientIdParams = z.object({ id: z.uuid() });

export const clientErasureSchema = z.object({
  clientId: z.uuid(),
  erasedAt: z.iso.datetime(),
});

export const closureSchema = z.object({
  scheduled: z.boolean(),
  requestedAt: z.iso.datetime().nullable(),
  /** When the practice is erased; the owner can cancel until then. */
  eraseAfter: z.iso.datetime().nullable(),
});

export type ClosureView = z.infer<typeof closureSchema>;

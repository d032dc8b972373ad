import type { Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import { forbidden } from '../../platform/auth-context/auth-context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';

/** Custom exercises and media are written by the practice's clinicians; an integration only reads them. */
export function requireAuthor(caller: ClinicalCaller): ClinicalCaller & { practitionerId: string } {
  if (caller.practitionerId === null)
    throw forbidden(
      'An API key can read exercises and media but not change them; sign in as a practitioner.',
    );
  return { ...caller, practitionerId: caller.practitionerId };
}

export const libraryReadOnly = () =>
  new AppError(
    'library_read_only',
    403,
    "Exercises of Rehabit's library cannot be changed. Create a custom exercise instead; you can add your own images and videos to a library exercise.",
  );

/** Never says which client: the refusal must not disclose a name to whoever wrote the text. */
export const clientNameInExercise = (fields: string[]) =>
  new AppError(
    'client_name_in_exercise',
    422,
    "A client's name may not appear in an exercise's title or description. Remove the name and try again.",
    fields.map((field): FieldProblem => ({ field, message: "Contains a client's name." })),
  );

/**
 * Records an act on an exercise or a media item; when it features a client, the act is also recorded
 * as an access to that client's data (so the client's access log shows it).
 */
export async function recordExerciseAct(
  audit: Audit,
  tx: Tx,
  caller: ClinicalCaller,
  action: string,
  subject: { type: 'exercise' | 'exercise_media'; id: string },
  clientIds: readonly (string | null | undefined)[] = [],
): Promise<void> {
  const entry = {
    practiceId: caller.practiceId,
    actor: caller.actor,
    outcome: 'success' as const,
    ip: caller.ip,
    userAgent: caller.userAgent,
  };
  await audit.record(tx, { ...entry, action, subject });
  for (const clientId of new Set(clientIds)) {
    if (clientId)
      await audit.record(tx, {
        ...entry,
        action: `client.${action}`,
        subject: { type: 'client', id: clientId },
      });
  }
}

import { and, eq } from 'drizzle-orm';
import { clients, practices } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type OptOutChanges = Partial<{ emailOptOutAt: Date | null; smsOptOutAt: Date | null }>;

// Whether an address is on file is read from the column's presence: nothing is decrypted here.
const contactColumns = {
  id: clients.id,
  language: clients.language,
  archivedAt: clients.archivedAt,
  hasEmail: clients.email,
  hasMobile: clients.mobile,
  emailOptOutAt: clients.emailOptOutAt,
  smsOptOutAt: clients.smsOptOutAt,
};

export interface ClientContact {
  id: string;
  language: 'en' | 'de';
  archivedAt: Date | null;
  hasEmail: boolean;
  hasMobile: boolean;
  emailOptOutAt: Date | null;
  smsOptOutAt: Date | null;
}

const contactOf = (row: {
  id: string;
  language: 'en' | 'de';
  archivedAt: Date | null;
  hasEmail: string | null;
  hasMobile: string | null;
  emailOptOutAt: Date | null;
  smsOptOutAt: Date | null;
}): ClientContact => ({ ...row, hasEmail: row.hasEmail !== null, hasMobile: row.hasMobile !== null });

/** The practice's client as far as reaching them goes, locked for the transaction when asked. */
export async function findClientContact(
  tx: Tx,
  practiceId: string,
  clientId: string,
  options: { lock?: boolean } = {},
): Promise<ClientContact | undefined> {
  const query = tx
    .select(contactColumns)
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row && contactOf(row);
}

/** Records the client's refusal (a time) or consent (null) per channel, as a change of the client at `at`. */
export async function updateOptOuts(
  tx: Tx,
  practiceId: string,
  clientId: string,
  changes: OptOutChanges,
  at: Date,
): Promise<ClientContact | undefined> {
  const [row] = await tx
    .update(clients)
    .set({ ...changes, updatedAt: at })
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)))
    .returning(contactColumns);
  return row && contactOf(row);
}

/** The name the client knows their practice by, for the invitation. */
export async function findPracticeName(tx: Tx, practiceId: string): Promise<string> {
  const [row] = await tx
    .select({ name: practices.name })
    .from(practices)
    .where(eq(practices.id, practiceId))
    .limit(1);
  if (!row) throw new Error('the caller’s practice was not found');
  return row.name;
}

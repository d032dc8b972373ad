import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { queryRows } from '../../db/transactions.js';
import { as, type TestAccount, uniqueEmail } from '../../testing/accounts.js';
import { createClient, type TestClient } from '../../testing/clients.js';
import { saveProgram } from '../../testing/programs.js';

// Tests of invitations and contact preferences share these steps.

/** A UK mobile number of its own (07400 range), as typed and as stored (E.164). */
export function someMobile() {
  const digits = `7400${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  return { typed: `0${digits}`, e164: `+44${digits}` };
}

/** A client with an email address and a mobile number, and a program (so an access code). */
export async function invitableClient(
  app: FastifyInstance,
  owner: TestAccount,
  overrides: Record<string, unknown> = {},
): Promise<{ client: TestClient; email: string; mobile: string; accessCode: string }> {
  const email = uniqueEmail('client');
  const mobile = someMobile();
  const client = await createClient(app, owner, { email, mobile: mobile.typed, ...overrides });
  const { accessCode } = await saveProgram(app, owner, client.id);
  return {
    client,
    email: String(client.email ?? email),
    mobile: String(client.mobile ?? mobile.e164),
    accessCode,
  };
}

export const invite = (
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  clientId: string,
  channel: string,
) =>
  as(app, account, { method: 'POST', url: `/api/v1/clients/${clientId}/invitations`, payload: { channel } });

export const setPreferences = (
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  clientId: string,
  payload: Record<string, unknown>,
) => as(app, account, { method: 'PUT', url: `/api/v1/clients/${clientId}/contact-preferences`, payload });

/** The access code as the mail and SMS show it: two groups of five. */
export const grouped = (code: string) => `${code.slice(0, 5)} ${code.slice(5)}`;

/** A practice's outbox rows of a kind, every column, straight from the table. */
export function outboxRows(app: FastifyInstance, table: 'mail_outbox' | 'sms_outbox', practiceId: string) {
  return app.platform.transactor.asSystem((tx) =>
    queryRows<Record<string, unknown>>(
      tx,
      sql`select * from ${sql.raw(table)} where practice_id = ${practiceId} order by created_at`,
    ),
  );
}

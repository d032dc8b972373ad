import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import type { Clock } from '../../platform/clock.js';
import { as, sessionCookieOf, type TestAccount, uniqueEmail } from '../../testing/accounts.js';
import { linkIn, type TestSmtpServer, tokenOf } from '../../testing/smtp.js';

// Tests of the practice's members and invitations share these steps; a member is made the real way.

export const MEMBER_PASSWORD = 'harbour violet candle 58';

/** A documentation address of its own, so per-IP limits on invitation links never meet across tests. */
export const someIp = () => `198.51.100.${randomInt(1, 255)}`;

/** Sends an invitation as the owner and answers the token from the mail that arrives. */
export async function inviteByMail(
  app: FastifyInstance,
  smtp: TestSmtpServer,
  owner: TestAccount,
  role: 'owner' | 'practitioner' | 'front_desk',
  email = uniqueEmail('invitee'),
) {
  const before = smtp.received.filter((mail) => mail.to.includes(email)).length;
  const response = await as(app, owner, {
    method: 'POST',
    url: '/api/v1/practice/members',
    payload: { email, role },
  });
  expect(response.statusCode, response.body).toBe(201);
  await app.platform.jobs.runDue();
  await smtp.waitFor(email);
  const mails = smtp.received.filter((mail) => mail.to.includes(email));
  expect(mails.length).toBe(before + 1);
  const mail = mails[mails.length - 1];
  if (!mail) throw new Error('no invitation mail');
  return { email, token: tokenOf(linkIn(mail, '/invitation')), mail, invitation: response.json() };
}

export function acceptInvitation(
  app: FastifyInstance,
  token: string,
  overrides: Record<string, unknown> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    remoteAddress: someIp(),
    payload: {
      token,
      firstName: 'Ilse',
      lastName: 'Brandt',
      password: MEMBER_PASSWORD,
      acceptTerms: true,
      ...overrides,
    },
  });
}

/** Invites a colleague with a role and accepts as them: the new member, signed in. */
export async function addMember(
  app: FastifyInstance,
  smtp: TestSmtpServer,
  owner: TestAccount,
  role: 'owner' | 'practitioner' | 'front_desk',
): Promise<TestAccount> {
  const { email, token } = await inviteByMail(app, smtp, owner, role);
  const accepted = await acceptInvitation(app, token);
  expect(accepted.statusCode, accepted.body).toBe(201);
  const json = accepted.json();
  return {
    email,
    password: MEMBER_PASSWORD,
    cookie: sessionCookieOf(accepted),
    csrfToken: json.csrfToken,
    practitionerId: json.practitioner.id,
    practiceId: json.practitioner.practiceId,
  };
}

/** Sets up an authenticator app for the account with codes of the given clock. */
export async function enrolTotp(app: FastifyInstance, account: TestAccount, clock: Clock) {
  const start = await as(app, account, { method: 'POST', url: '/api/v1/me/mfa/totp' });
  expect(start.statusCode, start.body).toBe(200);
  const code = new TOTP({ secret: Secret.fromBase32(start.json().secret), digits: 6, period: 30 }).generate({
    timestamp: clock.now().getTime(),
  });
  const confirm = await as(app, account, {
    method: 'POST',
    url: '/api/v1/me/mfa/totp/confirm',
    payload: { code },
  });
  expect(confirm.statusCode, confirm.body).toBe(200);
}

/** The practice's audit trail as action:subject_type, oldest first. */
export async function auditOf(app: FastifyInstance, practiceId: string) {
  const rows = await app.platform.transactor.asSystem((tx) =>
    queryRows<{
      action: string;
      subject_type: string | null;
      subject_id: string | null;
      actor_id: string | null;
    }>(
      tx,
      sql`select action, subject_type, subject_id, actor_id from audit_events where practice_id = ${practiceId} order by id`,
    ),
  );
  return rows;
}

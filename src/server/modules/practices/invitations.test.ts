import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { hashSecret } from '../../platform/crypto/secrets.js';
import { as, signIn, signUp, uniqueEmail } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import {
  acceptInvitation,
  addMember,
  auditOf,
  inviteByMail,
  MEMBER_PASSWORD,
  someIp,
} from './team.testkit.js';

const DAY = 24 * 3600 * 1000;

describe(`invitations to join a practice (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  const clock = new FakeClock(new Date());
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://rehabit.test' }, clock });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  const lookup = (token: string, remoteAddress = someIp()) =>
    app.inject({ method: 'POST', url: '/api/v1/invitations/lookup', payload: { token }, remoteAddress });
  const pendingOf = async (owner: Parameters<typeof as>[1]) =>
    (await as(app, owner, { url: '/api/v1/practice/invitations' })).json().items as { id: string }[];

  it('mails a link that shows the invitation and, once accepted, signs the colleague in with the role', async () => {
    const owner = await signUp(app, { practiceName: 'Physio am Park' });
    const { email, token, mail, invitation } = await inviteByMail(app, smtp, owner, 'practitioner');
    expect(mail.raw).toContain('You are invited to Physio am Park');
    expect(invitation).toMatchObject({
      email,
      role: 'practitioner',
      invitedBy: { id: owner.practitionerId, name: 'Greta Okafor' },
    });
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(7 * DAY);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    const shown = await lookup(token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ practiceName: 'Physio am Park', email, role: 'practitioner' });

    const accepted = await acceptInvitation(app, token, { language: 'de' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const { practitioner, csrfToken } = accepted.json();
    expect(csrfToken).toEqual(expect.any(String));
    expect(practitioner).toMatchObject({
      email,
      emailVerified: true,
      role: 'practitioner',
      practiceId: owner.practiceId,
      practiceName: 'Physio am Park',
      firstName: 'Ilse',
      termsVersion: expect.any(String),
      termsAcceptedAt: expect.any(String),
      signInCount: 1,
      preferences: expect.objectContaining({ language: 'de' }),
    });
    const cookie = accepted.cookies.find((c) => c.name === 'rehabit_session');
    const me = await app.inject({
      url: '/api/v1/me',
      headers: { cookie: `rehabit_session=${cookie?.value}` },
    });
    expect(me.json()).toMatchObject({ id: practitioner.id, role: 'practitioner' });
    expect((await signIn(app, { email, password: MEMBER_PASSWORD })).statusCode).toBe(200);

    expect(await pendingOf(owner)).toEqual([]);
    const stored = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ token_hash: string; used: boolean }>(
        tx,
        sql`select token_hash, accepted_at is not null as used from invitations where id = ${invitation.id}`,
      ),
    );
    expect(stored).toEqual([{ token_hash: hashSecret(token), used: true }]);
    const audit = await auditOf(app, owner.practiceId);
    expect(audit).toEqual(
      expect.arrayContaining([
        {
          action: 'invitation.send',
          subject_type: 'invitation',
          subject_id: invitation.id,
          actor_id: owner.practitionerId,
        },
        {
          action: 'invitation.accept',
          subject_type: 'invitation',
          subject_id: invitation.id,
          actor_id: practitioner.id,
        },
        {
          action: 'auth.sign_in',
          subject_type: 'practitioner',
          subject_id: practitioner.id,
          actor_id: practitioner.id,
        },
      ]),
    );
  });

  it('writes the invitation in the language of the owner who sends it', async () => {
    const owner = await signUp(app, { language: 'de', practiceName: 'Praxis Lindenhof' });
    const { mail } = await inviteByMail(app, smtp, owner, 'front_desk');
    expect(mail.raw).toContain('Praxis Lindenhof');
    expect(mail.raw).toMatch(/lädt Sie ein|l=C3=A4dt Sie ein/);
  });

  it('works once: a used link is refused at lookup and at acceptance', async () => {
    const owner = await signUp(app);
    const { token } = await inviteByMail(app, smtp, owner, 'practitioner');
    expect((await acceptInvitation(app, token)).statusCode).toBe(201);
    const again = await acceptInvitation(app, token, { firstName: 'Mallory' });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('invitation_invalid');
    expect((await lookup(token)).json().error.code).toBe('invitation_invalid');
  });

  it('refuses an unknown link with the same answer', async () => {
    const response = await lookup('x'.repeat(43));
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'invitation_invalid', message: expect.any(String) });
  });

  it('stops a withdrawn invitation from working, and audits the withdrawal', async () => {
    const owner = await signUp(app);
    const { token, invitation } = await inviteByMail(app, smtp, owner, 'practitioner');
    expect((await pendingOf(owner)).map((item) => item.id)).toEqual([invitation.id]);
    const revoke = await as(app, owner, {
      method: 'DELETE',
      url: `/api/v1/practice/invitations/${invitation.id}`,
    });
    expect(revoke.statusCode).toBe(204);
    expect((await lookup(token)).statusCode).toBe(404);
    expect((await acceptInvitation(app, token)).json().error.code).toBe('invitation_invalid');
    expect(await pendingOf(owner)).toEqual([]);
    const again = await as(app, owner, {
      method: 'DELETE',
      url: `/api/v1/practice/invitations/${invitation.id}`,
    });
    expect(again.statusCode).toBe(404);
    expect(await auditOf(app, owner.practiceId)).toContainEqual(
      expect.objectContaining({ action: 'invitation.revoke', subject_id: invitation.id }),
    );
  });

  it('replaces an older pending invitation of the same address when inviting it again', async () => {
    const owner = await signUp(app);
    const first = await inviteByMail(app, smtp, owner, 'front_desk');
    const second = await inviteByMail(app, smtp, owner, 'practitioner', first.email);
    expect((await lookup(first.token)).statusCode).toBe(404);
    expect((await lookup(second.token)).json()).toMatchObject({ email: first.email, role: 'practitioner' });
    expect((await pendingOf(owner)).map((item) => item.id)).toEqual([second.invitation.id]);
    expect(await auditOf(app, owner.practiceId)).toContainEqual(
      expect.objectContaining({ action: 'invitation.revoke', subject_id: first.invitation.id }),
    );
  });

  it('refuses a link older than 7 days', async () => {
    const owner = await signUp(app);
    const { token } = await inviteByMail(app, smtp, owner, 'practitioner');
    clock.advance(7 * DAY + 1000);
    expect((await lookup(token)).json().error.code).toBe('invitation_invalid');
    expect((await acceptInvitation(app, token)).json().error.code).toBe('invitation_invalid');
  });

  it('refuses a weak password with the reason and leaves the link usable', async () => {
    const owner = await signUp(app);
    const { token, email } = await inviteByMail(app, smtp, owner, 'practitioner');
    const common = await acceptInvitation(app, token, { password: 'password1234' });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details).toEqual([
      { field: 'password', message: expect.stringMatching(/common or leaked/) },
    ]);
    const short = await acceptInvitation(app, token, { password: 'short one' });
    expect(short.json().error.details[0].message).toMatch(/at least 12 characters/);
    const personal = await acceptInvitation(app, token, { password: `${email.split('@')[0]} is me!` });
    expect(personal.json().error.details[0].message).toMatch(/email/);
    expect((await acceptInvitation(app, token)).statusCode).toBe(201);
  });

  it('refuses an address that already has a verified account in this region', async () => {
    const first = await signUp(app);
    const member = await addMember(app, smtp, first, 'practitioner');
    const other = await signUp(app);
    const { token } = await inviteByMail(app, smtp, other, 'practitioner', member.email);
    const accepted = await acceptInvitation(app, token);
    expect(accepted.statusCode).toBe(409);
    expect(accepted.json().error).toMatchObject({
      code: 'email_taken',
      message: expect.stringMatching(/already has a Rehabit account/),
    });
    // Refused before anything was created: the link still works once the address is free.
    expect((await lookup(token)).statusCode).toBe(200);
  });

  it('refuses to invite someone who is already an active member', async () => {
    const owner = await signUp(app);
    const member = await addMember(app, smtp, owner, 'front_desk');
    for (const email of [owner.email, member.email.toUpperCase()]) {
      const response = await as(app, owner, {
        method: 'POST',
        url: '/api/v1/practice/members',
        payload: { email, role: 'practitioner' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('already_member');
    }
  });

  it('lets only the owner invite, list and withdraw invitations', async () => {
    const owner = await signUp(app);
    const { invitation } = await inviteByMail(app, smtp, owner, 'practitioner');
    for (const role of ['practitioner', 'front_desk'] as const) {
      const member = await addMember(app, smtp, owner, role);
      const answers = [
        await as(app, member, {
          method: 'POST',
          url: '/api/v1/practice/members',
          payload: { email: uniqueEmail(), role: 'owner' },
        }),
        await as(app, member, { url: '/api/v1/practice/invitations' }),
        await as(app, member, { method: 'DELETE', url: `/api/v1/practice/invitations/${invitation.id}` }),
      ];
      expect(answers.map((answer) => [answer.statusCode, answer.json().error.code])).toEqual(
        Array(3).fill([403, 'forbidden']),
      );
    }
    expect((await pendingOf(owner)).map((item) => item.id)).toEqual([invitation.id]);
  });

  it("answers 404 for another practice's invitation, and leaves it working", async () => {
    const owner = await signUp(app);
    const stranger = await signUp(app);
    const { token, invitation } = await inviteByMail(app, smtp, owner, 'practitioner');
    const response = await as(app, stranger, {
      method: 'DELETE',
      url: `/api/v1/practice/invitations/${invitation.id}`,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(await pendingOf(stranger)).toEqual([]);
    expect((await lookup(token)).statusCode).toBe(200);
  });

  it('limits lookups of invitation links from one address, with Retry-After', async () => {
    const answers: number[] = [];
    let last: Awaited<ReturnType<typeof lookup>> | undefined;
    for (let i = 0; i < 31; i++) {
      last = await lookup(`unknown-token-${i}-xxxxxxxx`, '203.0.113.77');
      answers.push(last.statusCode);
    }
    expect(answers.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(last?.statusCode).toBe(429);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
  });
});

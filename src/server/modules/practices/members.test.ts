import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, signIn, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import {
  canChangePracticeSettings,
  canManageApiKeys,
  canManageMembers,
  canReadClinicalData,
} from './practices.policy.js';
import { addMember, auditOf, enrolTotp, MEMBER_PASSWORD } from './team.testkit.js';

describe(`practice settings, members and roles (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  const clock = new FakeClock(new Date());
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildTestApp({ env: { SMTP_URL: smtp.url }, clock });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  const members = async (account: TestAccount, query = '') => {
    const response = await as(app, account, { url: `/api/v1/practice/members${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as { id: string; role: string; status: string; you: boolean }[];
  };
  // Members are listed in the order they joined; the fake clock moves so that order is defined.
  const join = (owner: TestAccount, role: 'owner' | 'practitioner' | 'front_desk') => {
    clock.advance(1000);
    return addMember(app, smtp, owner, role);
  };
  const setRole = (owner: TestAccount, id: string, role: string) =>
    as(app, owner, { method: 'PATCH', url: `/api/v1/practice/members/${id}`, payload: { role } });
  const remove = (owner: TestAccount, id: string) =>
    as(app, owner, { method: 'DELETE', url: `/api/v1/practice/members/${id}` });

  it('gives clinical data to owners and practitioners, and members, keys and settings to owners alone', () => {
    expect(['owner', 'practitioner', 'front_desk'].map((role) => canReadClinicalData(role as never))).toEqual(
      [true, true, false],
    );
    for (const policy of [canManageMembers, canManageApiKeys, canChangePracticeSettings]) {
      expect([policy('owner'), policy('practitioner'), policy('front_desk')]).toEqual([true, false, false]);
    }
  });

  it('shows the practice to every member and lets the owner change its settings', async () => {
    const owner = await signUp(app, { practiceName: 'Rehab Nord', country: 'DE' });
    const desk = await join(owner, 'front_desk');
    const seen = await as(app, desk, { url: '/api/v1/practice' });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      id: owner.practiceId,
      name: 'Rehab Nord',
      country: 'DE',
      mfaRequired: false,
      subscriptionStatus: 'trial',
    });
    const changed = await as(app, owner, {
      method: 'PATCH',
      url: '/api/v1/practice',
      payload: { name: 'Rehab Nord GmbH', address: 'Hafenstraße 1, Hamburg', vatId: 'DE123456789' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Rehab Nord GmbH', vatId: 'DE123456789', state: null });
    const cleared = await as(app, owner, {
      method: 'PATCH',
      url: '/api/v1/practice',
      payload: { vatId: '' },
    });
    expect(cleared.json()).toMatchObject({ name: 'Rehab Nord GmbH', vatId: null });
    const blank = await as(app, owner, { method: 'PATCH', url: '/api/v1/practice', payload: { name: ' ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].field).toBe('name');
    const updates = (await auditOf(app, owner.practiceId)).filter((row) => row.action === 'practice.update');
    expect(updates).toEqual([
      {
        action: 'practice.update',
        subject_type: 'practice',
        subject_id: owner.practiceId,
        actor_id: owner.practitionerId,
      },
      {
        action: 'practice.update',
        subject_type: 'practice',
        subject_id: owner.practiceId,
        actor_id: owner.practitionerId,
      },
    ]);
  });

  it('lists the members with their role, second factors and which one is the caller', async () => {
    const owner = await signUp(app);
    const colleague = await join(owner, 'practitioner');
    const list = await members(colleague);
    expect(list).toEqual([
      {
        id: owner.practitionerId,
        email: owner.email,
        firstName: 'Greta',
        lastName: 'Okafor',
        role: 'owner',
        status: 'active',
        mfa: { totp: false, passkeys: 0 },
        lastSignInAt: expect.any(String),
        createdAt: expect.any(String),
        you: false,
      },
      expect.objectContaining({ id: colleague.practitionerId, role: 'practitioner', you: true }),
    ]);
  });

  it("changes a member's role, which takes effect on their next request", async () => {
    const owner = await signUp(app);
    const member = await join(owner, 'front_desk');
    expect((await as(app, member, { url: '/api/v1/practice/invitations' })).statusCode).toBe(403);
    const promoted = await setRole(owner, member.practitionerId, 'owner');
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ id: member.practitionerId, role: 'owner', you: false });
    expect((await as(app, member, { url: '/api/v1/practice/invitations' })).statusCode).toBe(200);
    expect((await as(app, member, { url: '/api/v1/me' })).json().role).toBe('owner');
    expect(await auditOf(app, owner.practiceId)).toContainEqual({
      action: 'practitioner.role_change',
      subject_type: 'practitioner',
      subject_id: member.practitionerId,
      actor_id: owner.practitionerId,
    });
  });

  it('never leaves a practice without an owner', async () => {
    const owner = await signUp(app);
    const demote = await setRole(owner, owner.practitionerId, 'practitioner');
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('last_owner');
    expect((await remove(owner, owner.practitionerId)).json().error.code).toBe('last_owner');

    const second = await join(owner, 'owner');
    expect((await setRole(second, owner.practitionerId, 'practitioner')).statusCode).toBe(200);
    const stepDown = await setRole(second, second.practitionerId, 'front_desk');
    expect(stepDown.json().error.code).toBe('last_owner');
    expect((await members(second)).map((member) => member.role)).toEqual(['practitioner', 'owner']);
  });

  it('lets only one of two owners demoting each other at the same moment succeed', async () => {
    const owner = await signUp(app);
    const second = await join(owner, 'owner');
    const answers = await Promise.all([
      setRole(owner, second.practitionerId, 'practitioner'),
      setRole(second, owner.practitionerId, 'practitioner'),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    expect((await members(owner, '?status=all')).filter((row) => row.role === 'owner')).toHaveLength(1);
  });

  it('lets an owner step down while another owner remains', async () => {
    const owner = await signUp(app);
    const second = await join(owner, 'owner');
    const stepDown = await setRole(owner, owner.practitionerId, 'practitioner');
    expect(stepDown.statusCode).toBe(200);
    expect(stepDown.json()).toMatchObject({ role: 'practitioner', you: true });
    expect((await setRole(owner, second.practitionerId, 'front_desk')).statusCode).toBe(403);
  });

  it('removes a member: their sessions end at once and they can no longer sign in', async () => {
    const owner = await signUp(app);
    const member = await join(owner, 'practitioner');
    expect((await as(app, member, { url: '/api/v1/me' })).statusCode).toBe(200);
    const removed = await remove(owner, member.practitionerId);
    expect(removed.statusCode).toBe(204);
    const after = await as(app, member, { url: '/api/v1/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    const again = await signIn(app, { email: member.email, password: MEMBER_PASSWORD });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_credentials');

    expect((await members(owner)).map((row) => row.id)).toEqual([owner.practitionerId]);
    expect(await members(owner, '?status=removed')).toEqual([
      expect.objectContaining({ id: member.practitionerId, status: 'removed' }),
    ]);
    expect((await members(owner, '?status=all')).length).toBe(2);
    const live = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ live: number }>(
        tx,
        sql`select count(*)::int as live from practitioner_sessions
            where practitioner_id = ${member.practitionerId} and ended_at is null`,
      ),
    );
    expect(live).toEqual([{ live: 0 }]);
    expect((await remove(owner, member.practitionerId)).statusCode).toBe(404);
    expect((await setRole(owner, member.practitionerId, 'owner')).statusCode).toBe(404);
    expect(await auditOf(app, owner.practiceId)).toContainEqual({
      action: 'practitioner.remove',
      subject_type: 'practitioner',
      subject_id: member.practitionerId,
      actor_id: owner.practitionerId,
    });
  });

  it('refuses owner routes to practitioners and the front desk, and shows them the practice', async () => {
    const owner = await signUp(app);
    for (const role of ['practitioner', 'front_desk'] as const) {
      const member = await join(owner, role);
      expect((await as(app, member, { url: '/api/v1/practice' })).statusCode).toBe(200);
      expect((await as(app, member, { url: '/api/v1/practice/members' })).statusCode).toBe(200);
      const answers = [
        await as(app, member, { method: 'PATCH', url: '/api/v1/practice', payload: { name: 'Mine now' } }),
        await as(app, member, { method: 'PATCH', url: '/api/v1/practice', payload: { mfaRequired: true } }),
        await setRole(member, member.practitionerId, 'owner'),
        await setRole(member, owner.practitionerId, 'front_desk'),
        await remove(member, owner.practitionerId),
      ];
      expect(answers.map((answer) => [answer.statusCode, answer.json().error.code])).toEqual(
        Array(5).fill([403, 'forbidden']),
      );
    }
    expect((await as(app, owner, { url: '/api/v1/practice' })).json().name).not.toBe('Mine now');
    expect((await members(owner)).map((member) => member.role)).toEqual([
      'owner',
      'practitioner',
      'front_desk',
    ]);
  });

  it('requires MFA of every member once the owner turns it on, leaving only enrolment open', async () => {
    const owner = await signUp(app);
    const refused = await as(app, owner, {
      method: 'PATCH',
      url: '/api/v1/practice',
      payload: { mfaRequired: true },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'mfa_setup_first',
      message: expect.stringMatching(/your own account first/),
    });
    expect((await as(app, owner, { url: '/api/v1/practice' })).json().mfaRequired).toBe(false);

    const member = await join(owner, 'front_desk');
    await enrolTotp(app, owner, clock);
    const on = await as(app, owner, {
      method: 'PATCH',
      url: '/api/v1/practice',
      payload: { mfaRequired: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().mfaRequired).toBe(true);
    expect((await as(app, owner, { url: '/api/v1/practice/members' })).statusCode).toBe(200);

    const gated = await as(app, member, { url: '/api/v1/practice/members' });
    expect(gated.statusCode).toBe(403);
    expect(gated.json().error.code).toBe('mfa_setup_required');
    expect((await as(app, member, { url: '/api/v1/me' })).json().mfaSetupRequired).toBe(true);
    expect((await as(app, member, { method: 'POST', url: '/api/v1/me/mfa/totp' })).statusCode).toBe(200);

    // A colleague who joins afterwards meets the same gate from their first request.
    const newcomer = await join(owner, 'practitioner');
    expect((await as(app, newcomer, { url: '/api/v1/practice' })).json().error.code).toBe(
      'mfa_setup_required',
    );

    clock.advance(30_000);
    await enrolTotp(app, member, clock);
    expect((await as(app, member, { url: '/api/v1/practice/members' })).statusCode).toBe(200);

    const off = await as(app, owner, {
      method: 'PATCH',
      url: '/api/v1/practice',
      payload: { mfaRequired: false },
    });
    expect(off.json().mfaRequired).toBe(false);
    expect((await as(app, newcomer, { url: '/api/v1/practice' })).statusCode).toBe(200);
    const policy = (await auditOf(app, owner.practiceId)).filter((row) =>
      row.action.startsWith('practice.mfa'),
    );
    expect(policy.map((row) => row.action)).toEqual(['practice.mfa_policy_on', 'practice.mfa_policy_off']);
  });

  it('lets an API key read the practice but not its members or settings', async () => {
    const owner = await signUp(app);
    const created = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'EHR' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const headers = { authorization: `Bearer ${created.json().key}` };
    const practice = await app.inject({ url: '/api/v1/practice', headers });
    expect(practice.json()).toMatchObject({ id: owner.practiceId });
    const refused = [
      await app.inject({ url: '/api/v1/practice/members', headers }),
      await app.inject({ method: 'PATCH', url: '/api/v1/practice', headers, payload: { name: 'Key-owned' } }),
      await app.inject({
        method: 'POST',
        url: '/api/v1/practice/members',
        headers,
        payload: { email: 'new.member@example.org', role: 'owner' },
      }),
    ];
    expect(refused.map((answer) => [answer.statusCode, answer.json().error.code])).toEqual(
      Array(3).fill([403, 'forbidden']),
    );
  });

  it("answers 404 for another practice's member and changes nothing there", async () => {
    const owner = await signUp(app);
    const stranger = await signUp(app);
    const member = await join(owner, 'practitioner');
    for (const response of [
      await setRole(stranger, member.practitionerId, 'owner'),
      await remove(stranger, member.practitionerId),
      await remove(stranger, owner.practitionerId),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect((await members(stranger)).map((row) => row.id)).toEqual([stranger.practitionerId]);
    expect((await as(app, member, { url: '/api/v1/me' })).json().role).toBe('practitioner');
  });
});

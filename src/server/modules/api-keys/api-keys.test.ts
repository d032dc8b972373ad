import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practitioners } from '../../db/schema/index.js';
import { queryRows } from '../../db/transactions.js';
import { requirePracticeCaller } from '../../platform/auth-context/auth-context.js';
import {
  as,
  sessionCookieOf,
  signIn,
  signUp,
  TEST_PASSWORD,
  type TestAccount,
  uniqueEmail,
} from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { DEFAULT_PREFERENCES } from '../auth/accounts.presenter.js';
import { hashPassword } from '../auth/password-hashing.js';

const MINUTE = 60_000;

// A route of another module that admits any caller of a practice, on an unsafe method.
const practiceCallerProbe: FastifyPluginAsync = async (app) => {
  app.post('/api/v1/test/practice-caller', async (request) => {
    const caller = requirePracticeCaller(request);
    return { kind: caller.kind, practiceId: caller.practiceId };
  });
};

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe(`API keys (${engineUnderTest()})`, () => {
  const logs = new LogCapture();
  const clock = new FakeClock(new Date());
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({
      clock,
      logs,
      env: { LOG_LEVEL: 'trace' },
      extra: { extraRoutes: [practiceCallerProbe] },
    });
  });
  afterAll(() => app.close());

  const createKey = async (owner: TestAccount, name = 'Billing export') => {
    const response = await as(app, owner, { method: 'POST', url: '/api/v1/api-keys', payload: { name } });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; name: string; prefix: string; key: string; createdAt: string };
  };
  const listKeys = (owner: TestAccount) => as(app, owner, { method: 'GET', url: '/api/v1/api-keys' });
  const current = (key: string) =>
    app.inject({ method: 'GET', url: '/api/v1/api-keys/current', headers: bearer(key) });

  /** A signed-in member of the owner's practice with another role (members are otherwise invited). */
  async function memberOf(owner: TestAccount, role: 'practitioner' | 'front_desk'): Promise<TestAccount> {
    const email = uniqueEmail(role);
    const id = randomUUID();
    const passwordHash = await hashPassword(TEST_PASSWORD);
    await app.platform.transactor.inPractice(owner.practiceId, (tx) =>
      tx.insert(practitioners).values({
        id,
        practiceId: owner.practiceId,
        email,
        emailVerifiedAt: clock.now(),
        firstName: 'Mara',
        lastName: 'Lind',
        role,
        passwordHash,
        preferences: DEFAULT_PREFERENCES,
      }),
    );
    const response = await signIn(app, { email, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    return {
      email,
      password: TEST_PASSWORD,
      cookie: sessionCookieOf(response),
      csrfToken: response.json().csrfToken,
      practitionerId: id,
      practiceId: owner.practiceId,
    };
  }

  it('shows a new key once, as rhk_ and 256 random bits, and lists it by name and prefix only', async () => {
    const owner = await signUp(app, { firstName: 'Greta', lastName: 'Okafor' });
    const created = await createKey(owner, '  Billing export  ');
    expect(created.name).toBe('Billing export');
    expect(created.key).toMatch(/^rhk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.key.slice(4), 'base64url')).toHaveLength(32);
    expect(created.prefix).toBe(created.key.slice(0, 12));

    const list = await listKeys(owner);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.key);
    expect(list.json().items).toEqual([
      {
        id: created.id,
        name: 'Billing export',
        prefix: created.prefix,
        createdAt: created.createdAt,
        lastUsedAt: null,
        createdBy: { id: owner.practitionerId, name: 'Greta Okafor' },
      },
    ]);
  });

  it('refuses a missing, blank or too long name with a message on the name field', async () => {
    const owner = await signUp(app);
    for (const payload of [{}, { name: '   ' }, { name: 'x'.repeat(101) }]) {
      const response = await as(app, owner, { method: 'POST', url: '/api/v1/api-keys', payload });
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('validation_failed');
      expect(error.details).toEqual([{ field: 'name', message: expect.stringMatching(/name|100/) }]);
    }
    expect((await createKey(owner, 'y'.repeat(100))).name).toHaveLength(100);
  });

  it('authenticates a bearer key on /api-keys/current and records its use at most once a minute', async () => {
    const owner = await signUp(app);
    const created = await createKey(owner, 'Scheduler');
    const lastUsed = async () => (await listKeys(owner)).json().items[0].lastUsedAt;

    const first = await current(created.key);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ id: created.id, name: 'Scheduler', practiceId: owner.practiceId });
    const firstUse = clock.now().toISOString();
    expect(await lastUsed()).toBe(firstUse);

    clock.advance(MINUTE / 2);
    expect((await current(created.key)).statusCode).toBe(200);
    expect(await lastUsed()).toBe(firstUse);

    clock.advance(MINUTE / 2);
    expect((await current(created.key)).statusCode).toBe(200);
    expect(await lastUsed()).toBe(clock.now().toISOString());
  });

  it('refuses a revoked key at once, and a key revoked already is not found', async () => {
    const owner = await signUp(app);
    const created = await createKey(owner);
    expect((await current(created.key)).statusCode).toBe(200);
    const revoke = () => as(app, owner, { method: 'DELETE', url: `/api/v1/api-keys/${created.id}` });
    expect((await revoke()).statusCode).toBe(204);

    const refused = await current(created.key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('invalid_api_key');
    expect((await listKeys(owner)).json().items).toEqual([]);
    expect((await revoke()).statusCode).toBe(404);
  });

  it('refuses a wrong or malformed key with 401 invalid_api_key', async () => {
    const owner = await signUp(app);
    const created = await createKey(owner);
    const lastCharacter = created.key.endsWith('A') ? 'B' : 'A';
    for (const key of [
      `rhk_${randomBytes(32).toString('base64url')}`,
      `${created.key.slice(0, -1)}${lastCharacter}`,
      'not-a-key',
    ]) {
      const response = await current(key);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('invalid_api_key');
    }
  });

  it('lets only owners manage keys: practitioners and front desk get 403', async () => {
    const owner = await signUp(app);
    const created = await createKey(owner);
    for (const role of ['practitioner', 'front_desk'] as const) {
      const member = await memberOf(owner, role);
      const attempts = [
        as(app, member, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'Mine' } }),
        as(app, member, { method: 'GET', url: '/api/v1/api-keys' }),
        as(app, member, { method: 'DELETE', url: `/api/v1/api-keys/${created.id}` }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('forbidden');
      }
    }
    expect((await current(created.key)).statusCode).toBe(200);
  });

  it('treats a key as a caller of its practice, not as a practitioner', async () => {
    const owner = await signUp(app);
    const { key } = await createKey(owner);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(key) });
    expect(me.statusCode).toBe(401);
    for (const method of ['GET', 'POST'] as const) {
      const manage = await app.inject({
        method,
        url: '/api/v1/api-keys',
        headers: bearer(key),
        payload: method === 'POST' ? { name: 'Another' } : undefined,
      });
      expect(manage.statusCode).toBe(403);
      expect(manage.json().error.code).toBe('forbidden');
    }
    const byOwner = await as(app, owner, { method: 'GET', url: '/api/v1/api-keys/current' });
    expect(byOwner.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/api-keys/current' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('needs no CSRF token for a bearer request, while a cookie request without one is refused', async () => {
    const owner = await signUp(app);
    const { key } = await createKey(owner);
    const withKey = await app.inject({
      method: 'POST',
      url: '/api/v1/test/practice-caller',
      headers: bearer(key),
    });
    expect(withKey.statusCode).toBe(200);
    expect(withKey.json()).toEqual({ kind: 'api_key', practiceId: owner.practiceId });

    const withCookie = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: owner.cookie },
      payload: { name: 'No token' },
    });
    expect(withCookie.statusCode).toBe(403);
    expect(withCookie.json().error.code).toBe('csrf_failed');
    expect((await listKeys(owner)).json().items).toHaveLength(1);
  });

  it("keeps practices apart: another practice's key is not found, listed or revocable", async () => {
    const ownerA = await signUp(app);
    const ownerB = await signUp(app);
    const keyA = await createKey(ownerA);
    const keyB = await createKey(ownerB);

    const revoke = await as(app, ownerB, { method: 'DELETE', url: `/api/v1/api-keys/${keyA.id}` });
    expect(revoke.statusCode).toBe(404);
    expect(revoke.json().error.code).toBe('not_found');
    expect((await current(keyA.key)).statusCode).toBe(200);

    const listB = (await listKeys(ownerB)).json().items.map((item: { id: string }) => item.id);
    expect(listB).toEqual([keyB.id]);
    const seenByKeyA = await app.inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: bearer(keyA.key),
    });
    expect(seenByKeyA.statusCode).toBe(403);
    expect(seenByKeyA.body).not.toContain(keyB.id);
    expect((await current(keyA.key)).json().practiceId).toBe(ownerA.practiceId);
  });

  it('audits creation and revocation by ids, not each use', async () => {
    const owner = await signUp(app);
    const created = await createKey(owner);
    await current(created.key);
    clock.advance(2 * MINUTE);
    await current(created.key);
    await as(app, owner, { method: 'DELETE', url: `/api/v1/api-keys/${created.id}` });
    const events = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ action: string; actor_type: string; actor_id: string; subject_type: string }>(
        tx,
        sql`select action, actor_type, actor_id, subject_type from audit_events
            where practice_id = ${owner.practiceId} and subject_id = ${created.id} order by id`,
      ),
    );
    const byOwner = { actor_type: 'practitioner', actor_id: owner.practitionerId, subject_type: 'api_key' };
    expect(events).toEqual([
      { action: 'api_key.create', ...byOwner },
      { action: 'api_key.revoke', ...byOwner },
    ]);
  });

  it('never writes the key to the logs or the database', async () => {
    const owner = await signUp(app);
    const created = await createKey(owner, 'Marker key');
    expect((await current(created.key)).statusCode).toBe(200);
    await as(app, owner, { method: 'DELETE', url: `/api/v1/api-keys/${created.id}` });
    expect((await current(created.key)).statusCode).toBe(401);

    expect(logs.text).toContain('/api/v1/api-keys/current');
    expect(logs.text).not.toContain(created.key);
    expect(logs.text).not.toContain(created.key.slice(4));
    const [row] = await app.platform.transactor.asSystem((tx) =>
      queryRows<Record<string, unknown>>(tx, sql`select * from api_keys where id = ${created.id}`),
    );
    expect(row?.key_hash).toEqual(expect.any(String));
    expect(row?.key_hash).not.toBe(created.key);
    expect(JSON.stringify(row)).not.toContain(created.key.slice(4));
    const audit = await app.platform.transactor.asSystem((tx) =>
      queryRows<Record<string, unknown>>(
        tx,
        sql`select * from audit_events where practice_id = ${owner.practiceId}`,
      ),
    );
    expect(JSON.stringify(audit)).not.toContain(created.key.slice(4));
  });
});

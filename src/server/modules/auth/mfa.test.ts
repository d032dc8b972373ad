import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, signIn, signUp, TEST_PASSWORD, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';

const STEP = 30_000;

describe(`two-step sign-in with TOTP and recovery codes (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  const clock = new FakeClock(new Date('2026-11-24T10:00:05Z'));
  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());

  const codeAt = (secret: string, offsetMs = 0) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
      timestamp: clock.now().getTime() + offsetMs,
    });

  async function enrol(account: TestAccount) {
    const start = await as(app, account, { method: 'POST', url: '/api/v1/me/mfa/totp' });
    expect(start.statusCode).toBe(200);
    const { secret } = start.json();
    const confirm = await as(app, account, {
      method: 'POST',
      url: '/api/v1/me/mfa/totp/confirm',
      payload: { code: codeAt(secret) },
    });
    expect(confirm.statusCode).toBe(200);
    clock.advance(STEP);
    return {
      secret: secret as string,
      recoveryCodes: confirm.json().recoveryCodes as string[],
      start: start.json(),
    };
  }

  it('enrols with a 160-bit secret, an otpauth URI and a QR code, and answers ten recovery codes', async () => {
    const account = await signUp(app);
    const { secret, recoveryCodes, start } = await enrol(account);
    expect(Secret.fromBase32(secret).bytes.length).toBeGreaterThanOrEqual(20);
    expect(start.otpauthUri).toContain(`secret=${secret}`);
    expect(start.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await as(app, account, { url: '/api/v1/me' })).json().mfa).toEqual({ totp: true, passkeys: 0 });
    const stored = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ totp_secret: string; hashes: string[] }>(
        tx,
        sql`select p.totp_secret, array(select code_hash from recovery_codes r where r.practitioner_id = p.id) as hashes
            from practitioners p where p.id = ${account.practitionerId}`,
      ),
    );
    expect(stored[0]?.totp_secret).toMatch(/^rh1\./);
    expect(stored[0]?.totp_secret).not.toContain(secret);
    for (const code of recoveryCodes) expect(stored[0]?.hashes.join()).not.toContain(code.replace('-', ''));
  });

  it('refuses a wrong confirmation code and keeps TOTP off', async () => {
    const account = await signUp(app);
    const start = (await as(app, account, { method: 'POST', url: '/api/v1/me/mfa/totp' })).json();
    const wrong = String((Number(codeAt(start.secret)) + 1) % 1_000_000).padStart(6, '0');
    const confirm = await as(app, account, {
      method: 'POST',
      url: '/api/v1/me/mfa/totp/confirm',
      payload: { code: wrong },
    });
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json().error.details[0].field).toBe('code');
    expect((await as(app, account, { url: '/api/v1/me' })).json().mfa.totp).toBe(false);
  });

  it('asks for the code at sign-in once TOTP is on, and accepts a current one', async () => {
    const account = await signUp(app);
    const { secret } = await enrol(account);
    const passwordOnly = await signIn(app, { email: account.email, password: TEST_PASSWORD });
    expect(passwordOnly.statusCode).toBe(401);
    expect(passwordOnly.json().error.code).toBe('mfa_required');
    expect(passwordOnly.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'totpCode',
      'recoveryCode',
    ]);
    expect(passwordOnly.cookies).toEqual([]);
    const withCode = await signIn(app, {
      email: account.email,
      password: TEST_PASSWORD,
      totpCode: codeAt(secret),
    });
    expect(withCode.statusCode).toBe(200);
  });

  it('accepts each code once: a replay of the same code is refused', async () => {
    const account = await signUp(app);
    const { secret } = await enrol(account);
    const code = codeAt(secret);
    expect(
      (await signIn(app, { email: account.email, password: TEST_PASSWORD, totpCode: code })).statusCode,
    ).toBe(200);
    const replay = await signIn(app, { email: account.email, password: TEST_PASSWORD, totpCode: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_second_factor');
    // The code of the previous step is also spent once a later one was accepted.
    clock.advance(STEP);
    expect(
      (await signIn(app, { email: account.email, password: TEST_PASSWORD, totpCode: codeAt(secret, -STEP) }))
        .statusCode,
    ).toBe(401);
    expect(
      (await signIn(app, { email: account.email, password: TEST_PASSWORD, totpCode: codeAt(secret) }))
        .statusCode,
    ).toBe(200);
  });

  it('accepts a code one step early or late, not two', async () => {
    const account = await signUp(app);
    const { secret } = await enrol(account);
    clock.advance(2 * STEP);
    expect(
      (
        await signIn(app, {
          email: account.email,
          password: TEST_PASSWORD,
          totpCode: codeAt(secret, -2 * STEP),
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await signIn(app, { email: account.email, password: TEST_PASSWORD, totpCode: codeAt(secret, STEP) }))
        .statusCode,
    ).toBe(200);
  });

  it('counts wrong codes as failed sign-ins in the account history', async () => {
    const account = await signUp(app);
    const { secret } = await enrol(account);
    const bad = String((Number(codeAt(secret)) + 5) % 1_000_000).padStart(6, '0');
    await signIn(app, { email: account.email, password: TEST_PASSWORD, totpCode: bad });
    const attempts = await as(app, account, { url: '/api/v1/me/sign-in-attempts' });
    expect(attempts.json().items).toHaveLength(1);
  });

  it('accepts each recovery code once, in any case and with or without its dash', async () => {
    const account = await signUp(app);
    const { recoveryCodes } = await enrol(account);
    const code = recoveryCodes[3] as string;
    const first = await signIn(app, {
      email: account.email,
      password: TEST_PASSWORD,
      recoveryCode: code.toUpperCase().replace('-', ''),
    });
    expect(first.statusCode).toBe(200);
    expect(
      (await signIn(app, { email: account.email, password: TEST_PASSWORD, recoveryCode: code })).statusCode,
    ).toBe(401);
    expect(
      (await signIn(app, { email: account.email, password: TEST_PASSWORD, recoveryCode: recoveryCodes[4] }))
        .statusCode,
    ).toBe(200);
  });

  it('turns TOTP off only with the password, and replaces recovery codes with the password', async () => {
    const account = await signUp(app);
    const { recoveryCodes } = await enrol(account);
    const regenerate = await as(app, account, {
      method: 'POST',
      url: '/api/v1/me/mfa/recovery-codes',
      payload: { password: TEST_PASSWORD },
    });
    expect(regenerate.json().recoveryCodes).toHaveLength(10);
    expect(
      (await signIn(app, { email: account.email, password: TEST_PASSWORD, recoveryCode: recoveryCodes[0] }))
        .statusCode,
    ).toBe(401);

    const wrong = await as(app, account, {
      method: 'DELETE',
      url: '/api/v1/me/mfa/totp',
      payload: { password: 'not my password' },
    });
    expect(wrong.statusCode).toBe(400);
    const off = await as(app, account, {
      method: 'DELETE',
      url: '/api/v1/me/mfa/totp',
      payload: { password: TEST_PASSWORD },
    });
    expect(off.statusCode).toBe(204);
    expect((await signIn(app, { email: account.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    const actions = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ action: string }>(
        tx,
        sql`select action from audit_events where practice_id = ${account.practiceId} and action like 'mfa.%' order by id`,
      ),
    );
    expect(actions.map((a) => a.action)).toEqual([
      'mfa.totp_enable',
      'mfa.recovery_codes_regenerate',
      'mfa.totp_disable',
    ]);
  });

  it('holds a member without a second factor at enrolment when the practice requires one', async () => {
    const account = await signUp(app);
    await app.platform.transactor.asSystem((tx) =>
      tx.execute(sql`update practices set mfa_required = true where id = ${account.practiceId}`),
    );
    const me = await as(app, account, { url: '/api/v1/me' });
    expect(me.json().mfaSetupRequired).toBe(true);
    const blocked = await as(app, account, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { firstName: 'X' },
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('mfa_setup_required');
    await enrol(account);
    expect((await as(app, account, { url: '/api/v1/me' })).json().mfaSetupRequired).toBe(false);
    expect(
      (await as(app, account, { method: 'PATCH', url: '/api/v1/me', payload: { firstName: 'X' } }))
        .statusCode,
    ).toBe(200);
    const fresh = await signIn(app, { email: account.email, password: TEST_PASSWORD });
    expect(fresh.json().error.code).toBe('mfa_required');
  });
});

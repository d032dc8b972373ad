import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, signIn, signUp } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { filesContaining, openScannableDatabase, type ScannableDatabase } from '../../testing/at-rest.js';
import { engineUnderTest } from '../../testing/database.js';

/**
 * Passwords, TOTP secrets and mobile numbers never reach the database files or the logs in plain text.
 */
describe(`identity secrets at rest and in logs (${engineUnderTest()})`, () => {
  const logs = new LogCapture();
  let app: FastifyInstance;
  let scannable: ScannableDatabase;
  const marker = randomUUID().replaceAll('-', '');
  const password = `Marker ${marker} passphrase`;
  const mobile = `+4670${String(Date.now()).slice(-7)}`;

  beforeAll(async () => {
    scannable = await openScannableDatabase();
    app = await buildTestApp({ database: scannable.database, logs, env: { LOG_LEVEL: 'trace' } });
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await scannable.close();
  });

  it('stores the password as argon2id and keeps it, the TOTP secret and the mobile out of files and logs', async () => {
    const account = await signUp(app, { password, mobile });
    const start = (await as(app, account, { method: 'POST', url: '/api/v1/me/mfa/totp' })).json();
    const code = new TOTP({ secret: Secret.fromBase32(start.secret), digits: 6, period: 30 }).generate();
    const confirm = await as(app, account, {
      method: 'POST',
      url: '/api/v1/me/mfa/totp/confirm',
      payload: { code },
    });
    expect(confirm.statusCode).toBe(200);
    const wrong = await signIn(app, { email: account.email, password: `${password}!`, totpCode: '000000' });
    expect(wrong.statusCode).toBe(401);

    const [row] = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ password_hash: string }>(
        tx,
        sql`select password_hash from practitioners where id = ${account.practitionerId}`,
      ),
    );
    expect(row?.password_hash.startsWith('$argon2id$')).toBe(true);

    const secrets = [marker, start.secret as string, mobile.slice(1)];
    const files = await scannable.files(app);
    // The scan sees what is stored in plain text (the email), so finding nothing else means something.
    expect(await filesContaining(files, [account.email])).not.toEqual([]);
    expect(await filesContaining(files, secrets)).toEqual([]);
    expect(secrets.filter((secret) => logs.text.includes(secret))).toEqual([]);
    expect(logs.text).toContain('"path":"/api/v1/auth/sessions"');
  }, 120_000);
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { saveProgram } from '../../testing/programs.js';
import { exerciseBody } from '../exercises/exercises.testkit.js';
import { auditOf } from '../practices/team.testkit.js';
import { logEntries, patientSignIn, someIp, whoAmI } from './patient.testkit.js';

const MINUTE = 60 * 1000;

describe(`patient sign-in (${engineUnderTest()})`, () => {
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp({ clock, logs });
  });
  afterAll(async () => {
    await app.close();
  });

  async function clientWithCode(yearOfBirth = 1984) {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { firstName: 'Greta', yearOfBirth });
    const saved = await saveProgram(app, owner, client.id);
    return { owner, client, accessCode: saved.accessCode, itemId: saved.program.items[0]?.id as string };
  }

  /** Makes the record patient-specific: the client has logged an exercise. */
  async function withALog(accessCode: string, itemId: string, ip: string) {
    const session = await patientSignIn(app, { accessCode }, ip);
    expect(session.statusCode, session.body).toBe(201);
    const logged = await logEntries(app, session.json().token, [{ programItemId: itemId, date: today() }]);
    expect(logged.statusCode, logged.body).toBe(201);
  }
  const today = () => clock.now().toISOString().slice(0, 10);

  it('opens a record of library content with the code alone, in any case, with spaces or a dash', async () => {
    const { owner, accessCode } = await clientWithCode();
    const typed = `${accessCode.slice(0, 5).toUpperCase()}-${accessCode.slice(5)}`;
    const response = await patientSignIn(app, { accessCode: ` ${typed} ` }, someIp());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ client: { firstName: 'Greta' } });
    expect(response.json().token).toMatch(/^[\w-]{43}$/);
    const spaced = await patientSignIn(app, { accessCode: accessCode.replace(/(.{5})/, '$1 ') }, someIp());
    expect(spaced.statusCode).toBe(201);
    const signIns = (await auditOf(app, owner.practiceId)).filter((e) => e.action === 'patient.sign_in');
    expect(signIns).toHaveLength(2);
  });

  it("signs in beside a practitioner's session in the same browser, which it neither uses nor needs CSRF for", async () => {
    const { owner, accessCode } = await clientWithCode();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/patient/sessions',
      headers: { cookie: owner.cookie },
      payload: { accessCode },
      remoteAddress: someIp(),
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('answers 401 invalid_code for an unknown or malformed code, the same way', async () => {
    for (const accessCode of ['abcdefghij', 'abc', '1234567890']) {
      const response = await patientSignIn(app, { accessCode }, someIp());
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('invalid_code');
    }
  });

  it('asks for the year of birth once the record holds patient-specific information', async () => {
    const { accessCode, itemId } = await clientWithCode(1984);
    await withALog(accessCode, itemId, someIp());
    const codeOnly = await patientSignIn(app, { accessCode }, someIp());
    expect(codeOnly.statusCode).toBe(401);
    expect(codeOnly.json().error.code).toBe('year_of_birth_required');
    const right = await patientSignIn(app, { accessCode, yearOfBirth: 1984 }, someIp());
    expect(right.statusCode, right.body).toBe(201);
  });

  it('asks for the year of birth when an exercise features the client', async () => {
    const { owner, client, accessCode } = await clientWithCode();
    const featured = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/exercises',
      payload: exerciseBody({ title: 'Step-ups at home', featuredClientId: client.id }),
    });
    expect(featured.statusCode, featured.body).toBe(201);
    const codeOnly = await patientSignIn(app, { accessCode }, someIp());
    expect(codeOnly.json().error.code).toBe('year_of_birth_required');
  });

  it('refuses a wrong year of birth, locks the code after five within the hour, and lets it go after', async () => {
    const { owner, client, accessCode, itemId } = await clientWithCode(1984);
    await withALog(accessCode, itemId, someIp());
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await patientSignIn(app, { accessCode, yearOfBirth: 1990 }, someIp());
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('invalid_year_of_birth');
      clock.advance(MINUTE);
    }
    const locked = await patientSignIn(app, { accessCode, yearOfBirth: 1984 }, someIp());
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('locked');
    expect(Number(locked.headers['retry-after'])).toBe(55 * 60);

    const seen = await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}/app-access` });
    expect(seen.json()).toMatchObject({ recentYearOfBirthFailures: 5 });
    expect(seen.json().lockedUntil).not.toBeNull();
    const events = (await auditOf(app, owner.practiceId)).map((e) => e.action);
    expect(events.filter((action) => action === 'patient.access_code_lock')).toHaveLength(1);

    clock.advance(55 * MINUTE);
    const after = await patientSignIn(app, { accessCode, yearOfBirth: 1984 }, someIp());
    expect(after.statusCode, after.body).toBe(201);
  });

  it('limits unknown codes per IP, without touching other addresses', async () => {
    const ip = someIp();
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await patientSignIn(app, { accessCode: 'zzzzzzzzzz' }, ip);
      expect(response.statusCode).toBe(401);
    }
    const { accessCode } = await clientWithCode();
    const limited = await patientSignIn(app, { accessCode }, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect((await patientSignIn(app, { accessCode }, someIp())).statusCode).toBe(201);
    clock.advance(61 * MINUTE);
    expect((await patientSignIn(app, { accessCode }, ip)).statusCode).toBe(201);
  });

  it('logs one security event when unknown codes rise steeply across addresses, without any code', async () => {
    clock.advance(2 * 60 * MINUTE);
    const before = logs.text.length;
    const tried: string[] = [];
    for (let ip = 0; ip < 11; ip++) {
      const address = someIp();
      for (let attempt = 0; attempt < 19; attempt++) {
        const code = `zz${String(ip).padStart(2, 'a')}${String(attempt).padStart(6, 'q')}`.replace(
          /\d/g,
          'x',
        );
        tried.push(code);
        await patientSignIn(app, { accessCode: code }, address);
      }
    }
    const written = logs.text.slice(before);
    expect(written.match(/security\.patient_code_guessing/g)).toHaveLength(1);
    expect(tried.some((code) => written.includes(code))).toBe(false);
  });

  it('refuses the old code after a rotation and ends the sessions it opened', async () => {
    const { owner, client, accessCode } = await clientWithCode();
    const session = await patientSignIn(app, { accessCode }, someIp());
    const token = session.json().token;
    expect((await whoAmI(app, token)).statusCode).toBe(200);
    const rotated = await as(app, owner, { method: 'POST', url: `/api/v1/clients/${client.id}/access-code` });
    expect(rotated.statusCode).toBe(200);
    const old = await patientSignIn(app, { accessCode }, someIp());
    expect(old.json().error.code).toBe('invalid_code');
    const refused = await whoAmI(app, token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('unauthenticated');
    const fresh = await patientSignIn(app, { accessCode: rotated.json().accessCode }, someIp());
    expect(fresh.statusCode).toBe(201);
  });

  it('ends sessions after 30 days, on sign-out, and when the practitioner signs the devices out', async () => {
    const { owner, client, accessCode } = await clientWithCode();
    const tokens = [];
    for (let i = 0; i < 3; i++)
      tokens.push((await patientSignIn(app, { accessCode }, someIp())).json().token);
    const [first, second, third] = tokens as [string, string, string];
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/v1/patient/sessions/current',
      headers: { authorization: `Bearer ${first}` },
    });
    expect(out.statusCode).toBe(204);
    expect((await whoAmI(app, first)).statusCode).toBe(401);
    expect((await whoAmI(app, second)).statusCode).toBe(200);

    const access = await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}/app-access` });
    expect(access.json().devices).toHaveLength(2);
    const signedOut = await as(app, owner, {
      method: 'DELETE',
      url: `/api/v1/clients/${client.id}/app-sessions`,
    });
    expect(signedOut.json()).toEqual({ signedOut: 2 });
    expect((await whoAmI(app, second)).statusCode).toBe(401);
    expect((await whoAmI(app, third)).statusCode).toBe(401);

    const later = (await patientSignIn(app, { accessCode }, someIp())).json().token;
    clock.advance(30 * 24 * 60 * MINUTE - MINUTE);
    expect((await whoAmI(app, later)).statusCode).toBe(200);
    clock.advance(MINUTE);
    expect((await whoAmI(app, later)).statusCode).toBe(401);
  });

  it("answers 404 for another practice's client on the practitioner's routes", async () => {
    const { client } = await clientWithCode();
    const other: TestAccount = await signUp(app);
    for (const [method, url] of [
      ['GET', `/api/v1/clients/${client.id}/app-access`],
      ['DELETE', `/api/v1/clients/${client.id}/app-sessions`],
      ['GET', `/api/v1/clients/${client.id}/adherence`],
    ] as const) {
      const response = await as(app, other, { method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('audits sign-ins and failures without the code, and never logs it', async () => {
    const { owner, accessCode } = await clientWithCode();
    await patientSignIn(app, { accessCode }, someIp());
    const events = (await auditOf(app, owner.practiceId)).map((e) => e.action);
    expect(events).toContain('patient.sign_in');
    expect(logs.text).not.toContain(accessCode);
  });
});

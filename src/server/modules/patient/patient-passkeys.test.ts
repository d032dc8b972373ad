import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { saveProgram } from '../../testing/programs.js';
import { SoftwareAuthenticator } from '../../testing/software-authenticator.js';
import { auditOf } from '../practices/team.testkit.js';
import { logEntries, patientSignIn, someIp, whoAmI } from './patient.testkit.js';

describe(`patient passkeys (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (url: string, payload?: object, headers: Record<string, string> = {}, ip = someIp()) =>
    app.inject({ method: 'POST', url, headers, remoteAddress: ip, ...(payload ? { payload } : {}) });

  async function clientOnDevice() {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { firstName: 'Mira', yearOfBirth: 1979 });
    const saved = await saveProgram(app, owner, client.id);
    const token = (await patientSignIn(app, { accessCode: saved.accessCode }, someIp())).json()
      .token as string;
    // A log makes the record patient-specific: from now on the code alone would not do.
    await logEntries(app, token, [
      { programItemId: saved.program.items[0]?.id as string, date: new Date().toISOString().slice(0, 10) },
    ]);
    const device = new SoftwareAuthenticator(app.platform.config.publicUrl.origin);
    return { owner, client, saved, token, device };
  }

  async function addPasskey(token: string, device: SoftwareAuthenticator) {
    const options = await post('/api/v1/patient/passkeys/options', undefined, bearer(token));
    expect(options.statusCode, options.body).toBe(200);
    return post('/api/v1/patient/passkeys', { response: device.register(options.json()) }, bearer(token));
  }

  async function signInWithPasskey(device: SoftwareAuthenticator, ip = someIp()) {
    const options = await post('/api/v1/patient/passkey/options', undefined, {}, ip);
    expect(options.statusCode, options.body).toBe(200);
    return post(
      '/api/v1/patient/passkey/sessions',
      { response: device.authenticate(options.json()) },
      {},
      ip,
    );
  }

  it('signs in with a passkey alone, with neither code nor year of birth', async () => {
    const { owner, token, device } = await clientOnDevice();
    const added = await addPasskey(token, device);
    expect(added.statusCode, added.body).toBe(201);
    const session = await signInWithPasskey(device);
    expect(session.statusCode, session.body).toBe(201);
    expect(session.json().client).toEqual({ firstName: 'Mira' });
    expect((await whoAmI(app, session.json().token)).statusCode).toBe(200);
    const actions = (await auditOf(app, owner.practiceId)).map((e) => e.action);
    expect(actions).toContain('patient.passkey_add');
    expect(actions.filter((a) => a === 'patient.sign_in')).toHaveLength(2);
  });

  it('refuses a replayed challenge and a second passkey from the same device', async () => {
    const { token, device } = await clientOnDevice();
    await addPasskey(token, device);
    const options = await post('/api/v1/patient/passkey/options');
    const assertion = device.authenticate(options.json());
    expect((await post('/api/v1/patient/passkey/sessions', { response: assertion })).statusCode).toBe(201);
    const replay = await post('/api/v1/patient/passkey/sessions', { response: assertion });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_passkey');
    const again = await post('/api/v1/patient/passkeys/options', undefined, bearer(token));
    expect(() => device.register(again.json())).toThrow(/InvalidStateError/);
  });

  it('retires the passkeys when the practitioner signs the devices out, or rotates the code', async () => {
    const first = await clientOnDevice();
    await addPasskey(first.token, first.device);
    const out = await as(app, first.owner, {
      method: 'DELETE',
      url: `/api/v1/clients/${first.client.id}/app-sessions`,
    });
    expect(out.statusCode).toBe(200);
    expect((await signInWithPasskey(first.device)).json().error.code).toBe('invalid_passkey');

    const second = await clientOnDevice();
    await addPasskey(second.token, second.device);
    await as(app, second.owner, { method: 'POST', url: `/api/v1/clients/${second.client.id}/access-code` });
    expect((await signInWithPasskey(second.device)).statusCode).toBe(401);
  });

  it('refuses an assertion from another origin, and counts failures against the IP', async () => {
    const { token, device } = await clientOnDevice();
    await addPasskey(token, device);
    const ip = someIp();
    const options = await post('/api/v1/patient/passkey/options', undefined, {}, ip);
    const forged = device.authenticate(options.json(), { origin: 'https://evil.example' });
    expect((await post('/api/v1/patient/passkey/sessions', { response: forged }, {}, ip)).statusCode).toBe(
      401,
    );
    for (let i = 0; i < 19; i++) await patientSignIn(app, { accessCode: 'qqqqqqqqqq' }, ip);
    // The forged assertion and 19 unknown codes make 20 failures from this IP: the limit.
    const limited = await post('/api/v1/patient/passkey/options', undefined, {}, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });

  it('needs a patient token to add a passkey', async () => {
    const response = await post('/api/v1/patient/passkeys/options');
    expect(response.statusCode).toBe(401);
  });
});

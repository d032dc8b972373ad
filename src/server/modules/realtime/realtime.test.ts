import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../platform/realtime/realtime.js';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { saveProgram } from '../../testing/programs.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { openSocket, quietFor } from '../../testing/sockets.js';
import { patientSignIn, someIp } from '../patient/patient.testkit.js';
import { addMember } from '../practices/team.testkit.js';

let app: FastifyInstance;
let smtp: TestSmtpServer;
let base: string;
let origin: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await buildTestApp({ env: { SMTP_URL: smtp.url }, extra: { realtimeRecheckMs: 100 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  base = `ws://127.0.0.1:${address.port}`;
  origin = app.platform.config.publicUrl.origin;
});
afterAll(async () => {
  await app.close();
  await smtp.stop();
});

const publish = (event: RealtimeEvent) =>
  app.platform.transactor.asSystem((tx) => app.platform.realtime.publish(tx, event));
const workspaceSocket = (account: TestAccount, socketOrigin = origin) =>
  openSocket(`${base}/api/v1/realtime`, { cookie: account.cookie, origin: socketOrigin });

async function patientToken(owner: TestAccount) {
  const client = await createClient(app, owner);
  const program = await saveProgram(app, owner, client.id);
  const signedIn = await patientSignIn(app, { accessCode: program.accessCode }, someIp());
  expect(signedIn.statusCode, signedIn.body).toBe(201);
  return { client, token: signedIn.json().token as string };
}

describe(`realtime sockets (${engineUnderTest()})`, () => {
  it("tells a clinician of the practice about a client's conversation, and no one else", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const client = await createClient(app, owner);
    const mine = await workspaceSocket(owner);
    const theirs = await workspaceSocket(other);
    await mine.next((m) => m.type === 'ready');
    await theirs.next((m) => m.type === 'ready');

    await publish({
      type: 'message.created',
      practiceId: owner.practiceId,
      clientId: client.id,
      id: client.id,
    });
    expect(await mine.next((m) => m.type === 'message.created')).toEqual({
      type: 'message.created',
      clientId: client.id,
      id: client.id,
    });
    expect(await quietFor(theirs)).toEqual([]);
    mine.close();
    theirs.close();
  });

  it('announces nothing when the transaction rolls back', async () => {
    const owner = await signUp(app);
    const socket = await workspaceSocket(owner);
    await socket.next((m) => m.type === 'ready');
    await app.platform.transactor
      .asSystem(async (tx) => {
        await app.platform.realtime.publish(tx, {
          type: 'message.created',
          practiceId: owner.practiceId,
          clientId: owner.practiceId,
        });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await quietFor(socket)).toEqual([]);
    socket.close();
  });

  it("gives the front desk its own notifications but not clients' conversations", async () => {
    const owner = await signUp(app);
    const desk = await addMember(app, smtp, owner, 'front_desk');
    const socket = await workspaceSocket(desk);
    await socket.next((m) => m.type === 'ready');
    await publish({
      type: 'message.created',
      practiceId: owner.practiceId,
      clientId: owner.practiceId,
      id: owner.practiceId,
    });
    await publish({
      type: 'notification.created',
      practiceId: owner.practiceId,
      practitionerId: owner.practitionerId,
      id: owner.practiceId,
    });
    await publish({
      type: 'notification.created',
      practiceId: owner.practiceId,
      practitionerId: desk.practitionerId,
      id: desk.practitionerId,
    });
    expect(await socket.next()).toEqual({ type: 'notification.created', id: desk.practitionerId });
    expect(await quietFor(socket)).toEqual([]);
    socket.close();
  });

  it('refuses an upgrade from another origin, or without a session', async () => {
    const owner = await signUp(app);
    await expect(workspaceSocket(owner, 'https://evil.example')).rejects.toThrow('upgrade refused: 403');
    await expect(openSocket(`${base}/api/v1/realtime`, { cookie: owner.cookie })).rejects.toThrow(
      'upgrade refused: 403',
    );
    await expect(openSocket(`${base}/api/v1/realtime`, { origin })).rejects.toThrow('upgrade refused: 401');
    await expect(
      openSocket(`${base}/api/v1/patient/realtime`, { origin: 'https://evil.example' }),
    ).rejects.toThrow('upgrade refused: 403');
  });

  it('closes a workspace socket once its session is signed out', async () => {
    const owner = await signUp(app);
    const socket = await workspaceSocket(owner);
    await socket.next((m) => m.type === 'ready');
    const signedOut = await as(app, owner, { method: 'DELETE', url: '/api/v1/auth/sessions/current' });
    expect(signedOut.statusCode).toBe(204);
    expect(await socket.closed).toBe(4401);
  });

  it("lets the patient app hear its own conversation after it authenticates, and nobody else's", async () => {
    const owner = await signUp(app);
    const { client, token } = await patientToken(owner);
    const socket = await openSocket(`${base}/api/v1/patient/realtime`, { origin });
    socket.send({ type: 'auth', token });
    await socket.next((m) => m.type === 'ready');
    const otherClient = await createClient(app, owner);
    await publish({
      type: 'message.created',
      practiceId: owner.practiceId,
      clientId: otherClient.id,
      id: otherClient.id,
    });
    await publish({
      type: 'notification.created',
      practiceId: owner.practiceId,
      practitionerId: owner.practitionerId,
      id: owner.practitionerId,
    });
    await publish({ type: 'message.read', practiceId: owner.practiceId, clientId: client.id, id: client.id });
    expect(await socket.next()).toEqual({ type: 'message.read', clientId: client.id, id: client.id });
    expect(await quietFor(socket)).toEqual([]);
    socket.close();
  });

  it('closes a patient socket whose first message is not a valid token', async () => {
    const wrong = await openSocket(`${base}/api/v1/patient/realtime`, { origin });
    wrong.send({ type: 'auth', token: 'not-a-token' });
    expect(await wrong.closed).toBe(4401);
    const garbage = await openSocket(`${base}/api/v1/patient/realtime`, { origin });
    garbage.socket.send('hello');
    expect(await garbage.closed).toBe(4401);
  });
});

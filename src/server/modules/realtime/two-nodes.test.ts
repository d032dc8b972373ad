import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD, uniqueEmail } from '../../testing/accounts.js';
import { clientBody } from '../../testing/clients.js';
import { createScratchPostgresDatabase, engineUnderTest } from '../../testing/database.js';
import { spawnTs, waitForOutput } from '../../testing/processes.js';
import { itemBody, LIBRARY } from '../../testing/programs.js';
import { openSocket } from '../../testing/sockets.js';

// Two app nodes (processes) on one PostgreSQL database: what one commits reaches sockets held by the
// other through LISTEN/NOTIFY. The embedded engine is one process by design, so this runs on a server.
const PUBLIC_URL = 'http://rehabit.test';

interface Node {
  child: ChildProcess;
  url: string;
}

async function startNode(databaseUrl: string): Promise<Node> {
  const child = spawnTs('main.ts', [], {
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-node-')),
    MASTER_KEY: inject('masterKey'),
    PORT: '0',
    PUBLIC_URL,
    LOG_LEVEL: 'warn',
  });
  const printed = await waitForOutput(child, /Rehabit is running at (http:\/\/\S+)/);
  const url = /Rehabit is running at (http:\/\/\S+)/.exec(printed)?.[1];
  if (!url) throw new Error('no url printed');
  return { child, url };
}

async function call(
  node: Node,
  method: string,
  route: string,
  options: { body?: unknown; cookie?: string; csrf?: string; token?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${node.url}${route}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
}

describe.skipIf(engineUnderTest() === 'pglite')('two app nodes on one PostgreSQL database', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let nodeA: Node;
  let nodeB: Node;

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    // One after the other: the first migrates, the second finds the schema ready.
    nodeA = await startNode(scratch.url);
    nodeB = await startNode(scratch.url);
  }, 120_000);
  afterAll(async () => {
    for (const node of [nodeA, nodeB]) {
      if (!node) continue;
      const exited = new Promise((resolve) => node.child.once('exit', resolve));
      node.child.kill('SIGTERM');
      await exited;
    }
    await scratch?.drop();
  });

  it('delivers a message posted to one node to sockets held by the other, both ways', async () => {
    const signedUp = await call(nodeA, 'POST', '/api/v1/auth/signup', {
      body: {
        email: uniqueEmail(),
        password: TEST_PASSWORD,
        firstName: 'Greta',
        lastName: 'Okafor',
        practiceName: 'Two nodes',
        country: 'GB',
        acceptTerms: true,
      },
    });
    expect(signedUp.status).toBe(201);
    const cookie = (signedUp.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const practitioner = { cookie, csrf: signedUp.json.csrfToken as string };
    const client = await call(nodeA, 'POST', '/api/v1/clients', { ...practitioner, body: clientBody() });
    expect(client.status).toBe(201);
    const program = await call(nodeA, 'PUT', `/api/v1/clients/${client.json.id}/program`, {
      ...practitioner,
      body: { items: [itemBody(LIBRARY.quadSet)] },
    });
    expect(program.status).toBe(200);
    const patient = await call(nodeA, 'POST', '/api/v1/patient/sessions', {
      body: { accessCode: program.json.accessCode },
    });
    expect(patient.status).toBe(201);
    const token = patient.json.token as string;

    const wsUrl = (node: Node, route: string) => `${node.url.replace('http:', 'ws:')}${route}`;
    const workspaceOnB = await openSocket(wsUrl(nodeB, '/api/v1/realtime'), { cookie, origin: PUBLIC_URL });
    await workspaceOnB.next((m) => m.type === 'ready');
    const patientOnB = await openSocket(wsUrl(nodeB, '/api/v1/patient/realtime'), { origin: PUBLIC_URL });
    patientOnB.send({ type: 'auth', token });
    await patientOnB.next((m) => m.type === 'ready');

    // The client writes through node A; the practitioner's socket on node B hears of it.
    const fromClient = await call(nodeA, 'POST', '/api/v1/patient/messages', {
      token,
      body: { body: 'Knee feels better today' },
    });
    expect(fromClient.status).toBe(201);
    const heard = await workspaceOnB.next((m) => m.type === 'message.created');
    expect(heard).toEqual({ type: 'message.created', clientId: client.json.id, id: fromClient.json.id });
    const onB = await call(nodeB, 'GET', `/api/v1/clients/${client.json.id}/messages`, practitioner);
    expect(onB.json.items.map((message: { body: string }) => message.body)).toContain(
      'Knee feels better today',
    );

    // And the other way: the practitioner answers through node A, the patient's socket on B hears it.
    const fromPractitioner = await call(nodeA, 'POST', `/api/v1/clients/${client.json.id}/messages`, {
      ...practitioner,
      body: { body: 'Good, keep going' },
    });
    expect(fromPractitioner.status).toBe(201);
    expect(
      await patientOnB.next((m) => m.type === 'message.created' && m.id === fromPractitioner.json.id),
    ).toEqual({
      type: 'message.created',
      clientId: client.json.id,
      id: fromPractitioner.json.id,
    });
    workspaceOnB.close();
    patientOnB.close();
  });
});

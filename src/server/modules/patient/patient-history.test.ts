import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { saveProgram } from '../../testing/programs.js';
import { logEntries, patientSignIn, someIp } from './patient.testkit.js';

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

describe(`the patient app's calendar and regions (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp({
      env: {
        REGION: 'eu',
        PUBLIC_URL: 'https://eu.rehabit.example',
        REGIONS: 'us=https://us.rehabit.example/',
      },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedIn() {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const saved = await saveProgram(app, owner, client.id);
    const token = (await patientSignIn(app, { accessCode: saved.accessCode }, someIp())).json()
      .token as string;
    return { token, itemId: saved.program.items[0]?.id as string };
  }
  const history = (token: string, query = '') =>
    app.inject({
      method: 'GET',
      url: `/api/v1/patient/adherence${query}`,
      headers: { authorization: `Bearer ${token}` },
    });

  it("answers the client's own entries over the period asked for, oldest first", async () => {
    const mine = await signedIn();
    const theirs = await signedIn();
    await logEntries(app, mine.token, [
      { programItemId: mine.itemId, date: day(0), painLevel: 3 },
      { programItemId: mine.itemId, date: day(2), comment: 'Easier today' },
      { programItemId: mine.itemId, date: day(40) },
    ]);
    await logEntries(app, theirs.token, [{ programItemId: theirs.itemId, date: day(0) }]);
    const recent = await history(mine.token);
    expect(recent.statusCode, recent.body).toBe(200);
    expect(recent.json().items.map((e: { date: string }) => e.date)).toEqual([day(2), day(0)]);
    expect(recent.json().items[0].comment).toBe('Easier today');
    const older = await history(mine.token, `?from=${day(60)}&to=${day(30)}`);
    expect(older.json().items).toHaveLength(1);
    expect((await history(theirs.token)).json().items).toHaveLength(1);
    expect((await history('nobody')).statusCode).toBe(401);
  });

  it('offers every configured region with its patient app, this one at its own address, to anyone', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/regions' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      current: 'eu',
      regions: [
        {
          code: 'eu',
          name: 'European Union',
          url: 'https://eu.rehabit.example/',
          appUrl: 'https://eu.rehabit.example/app/',
        },
        {
          code: 'us',
          name: 'United States',
          url: 'https://us.rehabit.example/',
          appUrl: 'https://us.rehabit.example/app/',
        },
      ],
    });
  });
});

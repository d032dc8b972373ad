import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, type TestAccount } from '../../testing/accounts.js';
import { createClient } from '../../testing/clients.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { invite, someMobile } from '../client-invitations/invitations.testkit.js';
import { createExercise, png, upload } from '../exercises/exercises.testkit.js';
import { clientSends, practiceSends, sent } from '../messages/messages.testkit.js';
import { assign, enter, phq9 } from '../outcomes/outcomes.testkit.js';
import { logEntries, patientSignIn, someIp } from '../patient/patient.testkit.js';
import { ledgerFilePath } from './erasure-ledger-file.js';

// Erasure tests share these steps: a client with something in every part of the record, and looks at
// the database by client id.

export const YEAR_OF_BIRTH = 1979;

export const erase = (
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  clientId: string,
  payload: unknown = { confirm: true },
) =>
  as(app, account, {
    method: 'POST',
    url: `/api/v1/clients/${clientId}/erasure`,
    payload: payload as object,
  });

/**
 * A client whose record reaches every table about clients: program and versions, access code, patient
 * session, adherence with a pain alert and its notification, messages both ways, an outcome assignment and
 * responses, queued mail and SMS, a custom exercise made for them and media showing them.
 */
export async function fullClient(app: FastifyInstance, owner: TestAccount) {
  const client = await createClient(app, owner, {
    yearOfBirth: YEAR_OF_BIRTH,
    email: `erase.${Date.now()}@example.org`,
    mobile: someMobile().typed,
    diagnosisCode: 'M75.1',
  });
  const exercise = await createExercise(app, owner, { featuredClientId: client.id });
  const exerciseMedia = await upload(app, owner, exercise.id, {
    data: png('made-for'),
    contentType: 'image/png',
    filename: 'a.png',
  });
  expect(exerciseMedia.statusCode, exerciseMedia.body).toBe(201);
  const showing = await upload(
    app,
    owner,
    LIBRARY.quadSet,
    { data: png('showing'), contentType: 'image/png', filename: 'b.png' },
    [{ name: 'featuredClientId', value: client.id }],
  );
  expect(showing.statusCode, showing.body).toBe(201);
  const saved = await saveProgram(app, owner, client.id, {
    items: [itemBody(LIBRARY.quadSet, { notes: 'Gentle at first' }), itemBody(exercise.id)],
  });
  await saveProgram(app, owner, client.id, { items: [itemBody(LIBRARY.quadSet)] });
  const session = await patientSignIn(
    app,
    { accessCode: saved.accessCode, yearOfBirth: YEAR_OF_BIRTH },
    someIp(),
  );
  expect(session.statusCode, session.body).toBe(201);
  const token = session.json().token as string;
  const logged = await logEntries(app, token, [
    {
      programItemId: saved.program.items[0]?.id as string,
      date: new Date().toISOString().slice(0, 10),
      painLevel: 10,
      comment: 'Sharp',
    },
  ]);
  expect(logged.statusCode, logged.body).toBe(201);
  await sent(practiceSends(app, owner, client.id, 'How is the knee?'));
  await sent(clientSends(app, token, 'Better, thanks'));
  expect(
    (await assign(app, owner, client.id, { measure: 'GAD-7', schedule: 'once' })).statusCode,
  ).toBeLessThan(300);
  const entered = await enter(app, owner, client.id, { measure: 'PHQ-9', answers: phq9(1) });
  expect(entered.statusCode, entered.body).toBe(201);
  expect((await invite(app, owner, client.id, 'email')).statusCode).toBe(202);
  expect((await invite(app, owner, client.id, 'sms')).statusCode).toBe(202);
  return { client, token, exerciseId: exercise.id };
}

/** Rows naming the client in every table with a client column (data keys apart), as "table: count". */
export async function rowsAboutClient(
  app: FastifyInstance,
  clientId: string,
): Promise<Record<string, number>> {
  return app.platform.transactor.asSystem(async (tx) => {
    const columns = await queryRows<{ table: string; column: string }>(
      tx,
      sql`select table_name as table, column_name as column from information_schema.columns
          where table_schema = 'public' and column_name in ('client_id', 'featured_client_id')
            and table_name not in ('data_keys') order by table_name, column_name`,
    );
    const counts: Record<string, number> = {};
    for (const { table, column } of columns) {
      const [row] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${clientId}`,
      );
      counts[`${table}.${column}`] = row?.n ?? 0;
    }
    const [client] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from clients where id = ${clientId}`,
    );
    counts['clients.id'] = client?.n ?? 0;
    return counts;
  });
}

/** The client's data keys as stored. */
export const dataKeysOf = (app: FastifyInstance, clientId: string) =>
  app.platform.transactor.asSystem((tx) =>
    queryRows<{ id: string; status: string; wrapped_key: string }>(
      tx,
      sql`select id, status, wrapped_key from data_keys where client_id = ${clientId}`,
    ),
  );

export const ledgerRowsOf = (app: FastifyInstance, subjectId: string) =>
  app.platform.transactor.asSystem((tx) =>
    queryRows<Record<string, unknown>>(tx, sql`select * from erasure_ledger where subject_id = ${subjectId}`),
  );

export const ledgerFileText = (app: FastifyInstance) =>
  readFile(ledgerFilePath(app.platform.config.dataDir), 'utf8').catch(() => '');

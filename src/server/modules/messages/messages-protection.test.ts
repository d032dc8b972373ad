import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { filesContaining, openScannableDatabase, type ScannableDatabase } from '../../testing/at-rest.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { AWAY_AFTER_MS } from '../notifications/notifications.service.js';
import { logEntries } from '../patient/patient.testkit.js';
import { addMember } from '../practices/team.testkit.js';
import {
  clientReads,
  clientSends,
  conversationOf,
  practiceReads,
  practiceSends,
  sent,
} from './messages.testkit.js';

/** Message bodies and exercise feedback are encrypted under the client's key, never logged or mailed. */
describe(`message bodies at rest and in logs (${engineUnderTest()})`, () => {
  const logs = new LogCapture();
  let app: FastifyInstance;
  let scannable: ScannableDatabase;
  let smtp: TestSmtpServer;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    scannable = await openScannableDatabase();
    smtp = await startSmtpServer();
    app = await buildTestApp({
      database: scannable.database,
      logs,
      clock,
      env: { LOG_LEVEL: 'trace', SMTP_URL: smtp.url },
    });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await scannable.close();
    await smtp.stop();
  });

  it('keeps message bodies out of the database files, the logs and the mail', async () => {
    const marker = () => `marker${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const [fromPractice, fromClient, feedback, refused] = [marker(), marker(), marker(), marker()];
    const owner = await signUp(app);
    // A colleague with a confirmed address, mailed about the new messages once away.
    const colleague = await addMember(app, smtp, owner, 'practitioner');
    const lastName = `Plain${randomUUID().slice(0, 8)}`;
    const { client, token, programItemId } = await conversationOf(app, owner, { lastName });

    await sent(practiceSends(app, owner, client.id, `Please note ${fromPractice}`));
    await sent(clientSends(app, token, `Noted ${fromClient}`));
    const date = new Date().toISOString().slice(0, 10);
    expect((await logEntries(app, token, [{ programItemId, date, comment: feedback }])).statusCode).toBe(201);
    // A refused body is not logged either.
    expect((await clientSends(app, token, `${refused}${'x'.repeat(4000)}`)).statusCode).toBe(400);
    const read = (await practiceReads(app, owner, client.id)).json();
    expect(read.items.map((item: { body: string }) => item.body).join(' ')).toContain(feedback);
    expect((await clientReads(app, token)).statusCode).toBe(200);

    const secrets = [fromPractice, fromClient, feedback, refused];
    clock.advance(AWAY_AFTER_MS);
    await app.platform.jobs.runDue();
    await app.platform.jobs.runDue();
    const notices = smtp.received.filter((mail) => mail.to.includes(colleague.email.toLowerCase()));
    expect(notices.map((mail) => mail.raw).join('')).toContain('/notifications');
    expect(secrets.filter((secret) => smtp.received.some((mail) => mail.raw.includes(secret)))).toEqual([]);

    const files = await scannable.files(app);
    // The scan sees what is stored in plain text (the last name), so finding nothing else means something.
    expect(await filesContaining(files, [lastName])).not.toEqual([]);
    expect(await filesContaining(files, secrets)).toEqual([]);
    expect(secrets.filter((secret) => logs.text.includes(secret))).toEqual([]);
    expect(logs.text).toContain('/api/v1/patient/messages');
  }, 120_000);
});

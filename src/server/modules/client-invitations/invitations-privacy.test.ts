import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { grouped, invitableClient, invite, outboxRows, someMobile } from './invitations.testkit.js';

// The outbox keeps who (the client's id), which template, when and how it went: never the address,
// the number or the text. Without a gateway, SMS go to the log, which names the template and outbox row only.
const OUTBOX_COLUMNS = {
  mail_outbox: [
    'attempts',
    'client_id',
    'created_at',
    'id',
    'language',
    'params',
    'practice_id',
    'recipient',
    'sent_at',
    'status',
    'template',
  ],
  sms_outbox: [
    'attempts',
    'client_id',
    'created_at',
    'id',
    'language',
    'params',
    'practice_id',
    'provider_message_id',
    'sent_at',
    'status',
    'template',
  ],
};

describe(`invitations keep addresses, numbers and texts out of the outbox and the logs (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  const logs = new LogCapture();
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildTestApp({ env: { SMTP_URL: smtp.url, LOG_LEVEL: 'trace' }, logs });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('stores neither address nor number nor text in the outbox, before or after sending', async () => {
    const owner = await signUp(app);
    const marker = `marker${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const mobile = someMobile();
    const { client, accessCode } = await invitableClient(app, owner, {
      email: `${marker}@example.org`,
      mobile: mobile.typed,
    });
    expect((await invite(app, owner, client.id, 'email')).statusCode).toBe(202);
    expect((await invite(app, owner, client.id, 'sms')).statusCode).toBe(202);
    const secrets = [marker, mobile.e164.slice(3), accessCode, grouped(accessCode), 'access code'];
    const leaks = async () => {
      const rows = [
        ...(await outboxRows(app, 'mail_outbox', owner.practiceId)),
        ...(await outboxRows(app, 'sms_outbox', owner.practiceId)),
      ];
      const text = JSON.stringify(rows);
      return secrets.filter((secret) => text.includes(secret));
    };
    expect(await leaks()).toEqual([]);
    await app.platform.jobs.runDue();
    expect((await smtp.waitFor(`${marker}@example.org`)).raw).toContain(grouped(accessCode));
    expect(await leaks()).toEqual([]);
    expect(secrets.filter((secret) => logs.text.includes(secret))).toEqual([]);

    for (const table of ['mail_outbox', 'sms_outbox'] as const) {
      const rows = (await outboxRows(app, table, owner.practiceId)).filter(
        (row) => row.client_id === client.id,
      );
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0] ?? {}).sort()).toEqual(OUTBOX_COLUMNS[table]);
      expect(rows[0]).toMatchObject({ status: 'sent', params: null, template: 'access_code' });
    }
    expect(
      (await outboxRows(app, 'mail_outbox', owner.practiceId)).find((row) => row.client_id === client.id),
    ).toMatchObject({ recipient: null });
  });

  it('logs that an SMS would have been sent, with neither number nor text', async () => {
    const owner = await signUp(app);
    const mobile = someMobile();
    const { client, accessCode } = await invitableClient(app, owner, { mobile: mobile.typed });
    expect((await invite(app, owner, client.id, 'sms')).statusCode).toBe(202);
    await app.platform.jobs.runDue();
    const [row] = (await outboxRows(app, 'sms_outbox', owner.practiceId)).filter(
      (candidate) => candidate.client_id === client.id,
    );
    const line = logs.lines.find(
      (entry) => entry.includes('SMS not sent') && entry.includes(String(row?.id)),
    );
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}')).toMatchObject({ template: 'access_code', outboxId: row?.id });
    const secrets = [mobile.e164.slice(3), accessCode, grouped(accessCode), 'access code'];
    expect(secrets.filter((secret) => logs.text.includes(secret))).toEqual([]);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitableClient, invite, outboxRows } from '../../modules/client-invitations/invitations.testkit.js';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import type { MailTransport, OutgoingMail } from './transport.js';

/** A transport that refuses the addresses it is told to, as a relay answers 550 to RCPT TO. */
function recordingTransport() {
  const sent: OutgoingMail[] = [];
  const refused = new Set<string>();
  const transport: MailTransport = {
    async send(mail) {
      if (refused.has(mail.to))
        throw Object.assign(new Error(`550 <${mail.to}> mailbox unavailable`), {
          code: 'EENVELOPE',
          responseCode: 550,
        });
      sent.push(mail);
    },
    close: () => {},
  };
  return { transport, sent, refused };
}

describe(`mail to a client (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  const clock = new FakeClock(new Date());
  const relay = recordingTransport();
  beforeAll(async () => {
    app = await buildTestApp({ clock, extra: { mailTransport: relay.transport } });
  });
  afterAll(() => app.close());

  it('goes to the address in the client’s record, read when it is sent', async () => {
    const owner = await signUp(app);
    const { client, email } = await invitableClient(app, owner);
    await invite(app, owner, client.id, 'email');
    await app.platform.jobs.runDue();
    expect(relay.sent.filter((mail) => mail.to === email)).toHaveLength(1);
  });

  it('gives up at once when the relay refuses the recipient', async () => {
    const owner = await signUp(app);
    const { client, email } = await invitableClient(app, owner);
    relay.refused.add(email);
    await invite(app, owner, client.id, 'email');
    await app.platform.jobs.runDue();
    clock.advance(2 * 3600_000);
    await app.platform.jobs.runDue();
    const [row] = (await outboxRows(app, 'mail_outbox', owner.practiceId)).filter(
      (candidate) => candidate.client_id === client.id,
    );
    expect(row).toMatchObject({ status: 'failed', attempts: 1, params: null });
  });
});

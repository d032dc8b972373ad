import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmsProvider, type TestSmsProvider } from '../../testing/sms-provider.js';
import { SmsSendError } from './provider.js';
import { createTwilioProvider, type TwilioOptions } from './twilio.js';

const reference = { outboxId: '00000000-0000-4000-8000-000000000000', template: 'access_code' };
const NUMBER = '+447700900123';
const BODY = 'Your code is abcde fghij';

describe('the Twilio-compatible SMS provider', () => {
  let gateway: TestSmsProvider;
  beforeAll(async () => {
    gateway = await startSmsProvider();
  });
  afterAll(() => gateway.stop());

  const provider = (overrides: Partial<TwilioOptions> = {}) =>
    createTwilioProvider({
      apiUrl: new URL(gateway.url),
      accountSid: gateway.accountSid,
      authToken: gateway.authToken,
      from: gateway.from,
      ...overrides,
    });

  /** The error a send throws; fails the test when it succeeds. */
  async function refusal(send: Promise<unknown>): Promise<SmsSendError> {
    const error = await send.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof SmsSendError)) throw new Error(`expected an SmsSendError, got ${String(error)}`);
    return error;
  }

  it('posts To, From and Body as a form with Basic auth and answers the message sid', async () => {
    const sent = await provider().send({ to: NUMBER, body: BODY }, reference);
    const message = gateway.received.at(-1);
    expect(message).toMatchObject({ to: NUMBER, from: gateway.from, body: BODY, messagingServiceSid: null });
    expect(sent.providerMessageId).toBe(message?.sid);
    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('sends through a messaging service instead of a number when one is configured', async () => {
    const service = `MG${'0'.repeat(32)}`;
    await provider({ from: undefined, messagingServiceSid: service }).send(
      { to: NUMBER, body: BODY },
      reference,
    );
    expect(gateway.received.at(-1)).toMatchObject({ from: null, messagingServiceSid: service });
  });

  it('keeps a path prefix of the API address (providers that speak Twilio’s form under a path)', async () => {
    const refused = await refusal(
      provider({ apiUrl: new URL(`${gateway.url}/api/laml`) }).send({ to: NUMBER, body: BODY }, reference),
    );
    // The loopback gateway serves no prefix: the request went to the prefixed path.
    expect(refused).toMatchObject({ statusCode: 404, code: '20404', permanent: true });
  });

  it('treats a refused number as permanent, carrying status and code but neither number nor body', async () => {
    const refused = await refusal(provider().send({ to: '07700 900123', body: BODY }, reference));
    expect(refused).toMatchObject({ statusCode: 400, code: '21211', permanent: true });
    expect(`${refused.message} ${JSON.stringify(refused)}`).not.toMatch(/07700|900123|abcde/);
  });

  it('treats wrong credentials as permanent (401, Twilio code 20003)', async () => {
    const refused = await refusal(
      provider({ authToken: 'wrong' }).send({ to: NUMBER, body: BODY }, reference),
    );
    expect(refused).toMatchObject({ statusCode: 401, code: '20003', permanent: true });
  });

  it('lets throttling and server errors be retried', async () => {
    gateway.failNext(429, 20429);
    expect(await refusal(provider().send({ to: NUMBER, body: BODY }, reference))).toMatchObject({
      statusCode: 429,
      permanent: false,
    });
    gateway.failNext(503, 20500);
    expect(await refusal(provider().send({ to: NUMBER, body: BODY }, reference))).toMatchObject({
      statusCode: 503,
      permanent: false,
    });
  });

  it('lets an unreachable gateway be retried, naming only the system error', async () => {
    const closed = await startSmsProvider();
    await closed.stop();
    const refused = await refusal(
      provider({ apiUrl: new URL(closed.url) }).send({ to: NUMBER, body: BODY }, reference),
    );
    expect(refused).toMatchObject({ statusCode: undefined, code: 'ECONNREFUSED', permanent: false });
  });
});

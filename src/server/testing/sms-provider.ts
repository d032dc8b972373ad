import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Environment } from '../config.js';

/** A message the loopback gateway accepted, as Twilio would have read it from the form. */
export interface ReceivedSms {
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  sid: string;
}

/** How the loopback gateway answered one request. */
export interface SmsExchange {
  status: number;
  code: number | null;
}

export interface TestSmsProvider {
  /** The base URL to give as TWILIO_API_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  /** The sender number the gateway owns. */
  from: string;
  /** The environment that points an app at this gateway. */
  env: Environment;
  received: ReceivedSms[];
  /** Every request's answer, in order. */
  exchanges: SmsExchange[];
  /** Answers the next requests (valid or not) with this status and a Twilio error of this code. */
  failNext(status: number, code: number, times?: number): void;
  stop(): Promise<void>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY = 1600;

/** Twilio's error document: code, message, more_info, status. */
const twilioError = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A loopback stand-in for Twilio's Messages API (no SMS gateway runs locally). It checks each request
 * the way Twilio does — the account in the path, HTTP Basic auth with the account's SID and token, a
 * form-encoded body with To in E.164, From or MessagingServiceSid, and Body — and answers as Twilio
 * does: 201 with the message's sid, or 4xx with Twilio's error document.
 */
export async function startSmsProvider(): Promise<TestSmsProvider> {
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  const from = '+15005550006';
  const received: ReceivedSms[] = [];
  const exchanges: SmsExchange[] = [];
  const failures: { status: number; code: number }[] = [];

  const answer = (response: ServerResponse, status: number, document: object) => {
    const code = 'sid' in document ? null : (document as { code: number }).code;
    exchanges.push({ status, code });
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(document));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const text = await readBody(request);
    const failure = failures.shift();
    if (failure)
      return answer(response, failure.status, twilioError(failure.status, failure.code, 'Failure'));
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (request.method !== 'POST' || !match)
      return answer(response, 404, twilioError(404, 20404, 'The requested resource was not found'));
    const credentials = /^Basic (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [user, password] = Buffer.from(credentials ?? '', 'base64')
      .toString('utf8')
      .split(/:(.*)/s);
    if (user !== accountSid || password !== authToken || match[1] !== accountSid)
      return answer(response, 401, twilioError(401, 20003, 'Authenticate'));
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
      return answer(response, 400, twilioError(400, 21609, 'Unsupported content type'));
    const form = new URLSearchParams(text);
    const to = form.get('To');
    const sender = form.get('From');
    const service = form.get('MessagingServiceSid');
    const body = form.get('Body');
    if (!to) return answer(response, 400, twilioError(400, 21604, "A 'To' phone number is required."));
    if (!sender && !service)
      return answer(
        response,
        400,
        twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required."),
      );
    if (!body) return answer(response, 400, twilioError(400, 21602, 'Message body is required.'));
    // Twilio's message quotes the number: our errors must not pass it on.
    if (!E164.test(to))
      return answer(
        response,
        400,
        twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`),
      );
    if (sender && sender !== from)
      return answer(
        response,
        400,
        twilioError(400, 21606, `The 'From' phone number provided (${sender}) is not valid.`),
      );
    if (body.length > MAX_BODY)
      return answer(
        response,
        400,
        twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.'),
      );
    const sid = `SM${hex(16)}`;
    received.push({ accountSid, to, from: sender, messagingServiceSid: service, body, sid });
    return answer(response, 201, { sid, account_sid: accountSid, to, from: sender, body, status: 'queued' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    accountSid,
    authToken,
    from,
    env: {
      SMS_PROVIDER: 'twilio',
      TWILIO_API_URL: url,
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      SMS_FROM: from,
    },
    received,
    exchanges,
    failNext(status, code, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ status, code });
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { type SmsProvider, SmsSendError } from './provider.js';

export interface TwilioOptions {
  /** https://api.twilio.com, or a compatible provider's (or a test's) address; a path prefix is kept. */
  apiUrl: URL;
  accountSid: string;
  authToken: string;
  /** The sender number or alphanumeric id; unused when a messaging service is given. */
  from?: string | undefined;
  messagingServiceSid?: string | undefined;
  timeoutMs?: number;
}

interface TwilioAnswer {
  sid?: unknown;
  code?: unknown;
}

async function answerOf(response: Response): Promise<TwilioAnswer> {
  try {
    const parsed: unknown = await response.json();
    return typeof parsed === 'object' && parsed !== null ? (parsed as TwilioAnswer) : {};
  } catch {
    return {};
  }
}

/** The cause's system code of a failed fetch (ECONNREFUSED, ETIMEDOUT…), never its message. */
function networkCode(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'ETIMEDOUT';
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : 'ENETWORK';
}

/**
 * Twilio's Messages API (and providers that speak its form): a form-encoded POST of To, From or
 * MessagingServiceSid, and Body, with HTTP Basic auth of the account SID and auth token.
 */
export function createTwilioProvider(options: TwilioOptions): SmsProvider {
  const base = options.apiUrl.href.replace(/\/+$/, '');
  const endpoint = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const sender: Record<string, string> = options.messagingServiceSid
    ? { MessagingServiceSid: options.messagingServiceSid }
    : { From: options.from ?? '' };

  return {
    async send(sms) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams({ To: sms.to, ...sender, Body: sms.body }).toString(),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        const code = networkCode(error);
        throw new SmsSendError(`the SMS provider could not be reached (${code})`, undefined, code, false);
      }
      const answer = await answerOf(response);
      if (response.ok) {
        // Taken: a missing id must not make us send it again.
        return { providerMessageId: typeof answer.sid === 'string' ? answer.sid : null };
      }
      const code =
        typeof answer.code === 'number' || typeof answer.code === 'string' ? String(answer.code) : undefined;
      // Throttled or failing on its side: try later. Any other refusal is about this message or our account.
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
      throw new SmsSendError(
        `the SMS provider answered ${response.status}${code ? ` (error ${code})` : ''}`,
        response.status,
        code,
        permanent,
      );
    },
  };
}

import type { Logger } from '../logger.js';

export interface OutgoingSms {
  /** E.164, read from the client's record as the message goes out. */
  to: string;
  body: string;
}

/** What the outbox knows of a message: enough to find it in the log, nothing about its recipient. */
export interface SmsReference {
  outboxId: string;
  template: string;
}

/** Where text messages leave us: an SMS gateway, or (none configured) the log, without number or body. */
export interface SmsProvider {
  /**
   * Hands one message to the gateway and answers its id for it (null when it has none). Throws when the
   * gateway did not take it: an SmsSendError marked permanent when sending it again cannot help.
   */
  send(sms: OutgoingSms, reference: SmsReference): Promise<{ providerMessageId: string | null }>;
}

/**
 * The gateway did not take a message. Carries the HTTP status and the gateway's error code only: its
 * message text can quote the number, and the body is never repeated.
 */
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly code: string | undefined,
    /** A refusal of this message itself (a bad number, a blocked recipient): retrying is pointless. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/** The default: nothing leaves the deployment; the log says that an SMS would have been sent. */
export function createLogSmsProvider(log: Logger): SmsProvider {
  return {
    async send(_sms, reference) {
      log.info(reference, 'SMS not sent: SMS_PROVIDER is log');
      return { providerMessageId: null };
    },
  };
}

import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Where mail leaves us: an SMTP relay, or (none configured) the log, without the body or recipient. */
export interface MailTransport {
  send(mail: OutgoingMail, reference: { outboxId: string; template: string }): Promise<void>;
  close(): void;
}

const FROM_NAME = 'Rehabit';

export function createSmtpTransport(smtpUrl: URL, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl.toString());
  return {
    async send(mail) {
      await transporter.sendMail({ from: { name: FROM_NAME, address: from }, ...mail });
    },
    close: () => transporter.close(),
  };
}

export function createLogTransport(log: Logger): MailTransport {
  return {
    async send(_mail, reference) {
      log.info(reference, 'mail not sent: no SMTP_URL is configured');
    },
    close: () => {},
  };
}

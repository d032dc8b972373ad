import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Clock } from '../clock.js';
import type { FieldCipher } from '../crypto/index.js';
import type { JobHandler, JobRunner } from '../jobs/runner.js';
import { findOutboxMail, insertOutboxMail, updateOutboxMail } from './outbox.repo.js';
import { isMailTemplate, type MailLanguage, type MailTemplate, renderMail } from './templates.js';
import type { MailTransport } from './transport.js';

export const MAIL_JOB = 'mail.send';
const MAX_ATTEMPTS = 10;

export interface MailRequest {
  practiceId: string;
  to: string;
  template: MailTemplate;
  language: MailLanguage;
  /** Template values such as a link; kept encrypted until the mail is sent, then erased. */
  params: Record<string, string>;
}

export interface Mailer {
  /** Queues a mail in the caller's transaction: it goes out only if that transaction commits. */
  enqueue(tx: Tx, request: MailRequest): Promise<string>;
}

const paramsLocation = (id: string) => ({ table: 'mail_outbox', column: 'params', rowId: id });

export function createMailer(deps: { jobs: JobRunner; cipher: FieldCipher; clock: Clock }): Mailer {
  return {
    async enqueue(tx, request) {
      const id = randomUUID();
      const owner = { practiceId: request.practiceId };
      await insertOutboxMail(tx, {
        id,
        practiceId: request.practiceId,
        recipient: request.to,
        template: request.template,
        language: request.language,
        params: await deps.cipher.encrypt(tx, owner, JSON.stringify(request.params), paramsLocation(id)),
        createdAt: deps.clock.now(),
      });
      await deps.jobs.enqueue(tx, MAIL_JOB, { outboxId: id }, { maxAttempts: MAX_ATTEMPTS });
      return id;
    },
  };
}

/**
 * The job that sends one queued mail. A failed send throws, so the runner retries with backoff;
 * a mail already sent is never sent again.
 */
export function createMailDelivery(deps: {
  transactor: Transactor;
  cipher: FieldCipher;
  transport: MailTransport;
  clock: Clock;
}): JobHandler {
  return async (payload, context) => {
    const outboxId = (payload as { outboxId?: unknown }).outboxId;
    if (typeof outboxId !== 'string') throw new Error('mail job without an outbox id');
    const mail = await deps.transactor.asSystem(async (tx) => {
      const row = await findOutboxMail(tx, outboxId);
      if (row?.status !== 'queued' || row.params === null) return undefined;
      const params = JSON.parse(
        await deps.cipher.decrypt(tx, { practiceId: row.practiceId }, row.params, paramsLocation(row.id)),
      ) as Record<string, string>;
      await updateOutboxMail(tx, row.id, { attempts: context.attempt });
      return { row, params };
    });
    if (!mail) return;
    const { row, params } = mail;
    if (!isMailTemplate(row.template)) throw new Error('unknown mail template');
    if (row.recipient === null) throw new Error('mail to a client is not supported yet');
    const rendered = renderMail(row.template, row.language === 'de' ? 'de' : 'en', params);
    try {
      await deps.transport.send(
        { to: row.recipient, ...rendered },
        { outboxId: row.id, template: row.template },
      );
    } catch (error) {
      if (context.attempt >= MAX_ATTEMPTS) {
        await deps.transactor.asSystem((tx) =>
          updateOutboxMail(tx, row.id, { status: 'failed', params: null }),
        );
      }
      throw error;
    }
    await deps.transactor.asSystem((tx) =>
      updateOutboxMail(tx, row.id, { status: 'sent', sentAt: deps.clock.now(), params: null }),
    );
  };
}

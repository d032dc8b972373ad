import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Clock } from '../clock.js';
import type { FieldCipher, KeyOwner } from '../crypto/index.js';
import type { JobHandler, JobRunner } from '../jobs/runner.js';
import {
  findClientMailContact,
  findOutboxMail,
  insertOutboxMail,
  type OutboxRow,
  updateOutboxMail,
} from './outbox.repo.js';
import { isMailTemplate, type MailLanguage, type MailTemplate, renderMail } from './templates.js';
import type { MailTransport } from './transport.js';

export const MAIL_JOB = 'mail.send';
const MAX_ATTEMPTS = 10;

/**
 * A mail to an address (a practitioner's), or to a client: then the outbox names the client and the
 * address is read from their record when the mail goes out, so it is never copied and a refusal of
 * mail made in the meantime still holds.
 */
export type MailRequest = {
  practiceId: string;
  template: MailTemplate;
  language: MailLanguage;
  /** Template values such as a link; kept encrypted until the mail is sent, then erased. */
  params: Record<string, string>;
} & ({ to: string; clientId?: never } | { clientId: string; to?: never });

export interface Mailer {
  /** Queues a mail in the caller's transaction: it goes out only if that transaction commits. */
  enqueue(tx: Tx, request: MailRequest): Promise<string>;
}

const paramsLocation = (id: string) => ({ table: 'mail_outbox', column: 'params', rowId: id });
const clientEmailLocation = (clientId: string) => ({ table: 'clients', column: 'email', rowId: clientId });
// A client's mail is sealed under the client's key, so erasing the client reaches queued mail too.
const ownerOf = (row: { practiceId: string; clientId: string | null }): KeyOwner =>
  row.clientId === null
    ? { practiceId: row.practiceId }
    : { practiceId: row.practiceId, clientId: row.clientId };

export function createMailer(deps: { jobs: JobRunner; cipher: FieldCipher; clock: Clock }): Mailer {
  return {
    async enqueue(tx, request) {
      const id = randomUUID();
      const clientId = request.clientId ?? null;
      await insertOutboxMail(tx, {
        id,
        practiceId: request.practiceId,
        recipient: request.to ?? null,
        clientId,
        template: request.template,
        language: request.language,
        params: await deps.cipher.encrypt(
          tx,
          ownerOf({ practiceId: request.practiceId, clientId }),
          JSON.stringify(request.params),
          paramsLocation(id),
        ),
        createdAt: deps.clock.now(),
      });
      await deps.jobs.enqueue(tx, MAIL_JOB, { outboxId: id }, { maxAttempts: MAX_ATTEMPTS });
      return id;
    },
  };
}

/** A relay's refusal of the recipient itself (5xx to RCPT TO): sending again would be refused again. */
const isRecipientRefused = (error: unknown) => {
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500;
};

/**
 * The job that sends one queued mail. A failed send throws, so the runner retries with backoff;
 * a mail already sent is never sent again. A client's mail is skipped when, by the time it is due,
 * the client has no address or has refused mail.
 */
export function createMailDelivery(deps: {
  transactor: Transactor;
  cipher: FieldCipher;
  transport: MailTransport;
  clock: Clock;
}): JobHandler {
  const { cipher } = deps;

  /** The client's address, or null when there is none or they refused mail. */
  async function clientAddress(tx: Tx, row: OutboxRow & { clientId: string }): Promise<string | null> {
    const contact = await findClientMailContact(tx, row.practiceId, row.clientId);
    if (!contact || contact.email === null || contact.emailOptOutAt !== null) return null;
    return cipher.decrypt(tx, ownerOf(row), contact.email, clientEmailLocation(row.clientId));
  }

  return async (payload, context) => {
    const outboxId = (payload as { outboxId?: unknown }).outboxId;
    if (typeof outboxId !== 'string') throw new Error('mail job without an outbox id');
    const mail = await deps.transactor.asSystem(async (tx) => {
      const row = await findOutboxMail(tx, outboxId);
      if (row?.status !== 'queued' || row.params === null) return undefined;
      const to =
        row.clientId === null ? row.recipient : await clientAddress(tx, { ...row, clientId: row.clientId });
      if (to === null) {
        await updateOutboxMail(tx, row.id, { status: 'skipped', params: null, attempts: context.attempt });
        return undefined;
      }
      const params = JSON.parse(
        await cipher.decrypt(tx, ownerOf(row), row.params, paramsLocation(row.id)),
      ) as Record<string, string>;
      await updateOutboxMail(tx, row.id, { attempts: context.attempt });
      return { row, to, params };
    });
    if (!mail) return;
    const { row, to, params } = mail;
    if (!isMailTemplate(row.template)) throw new Error('unknown mail template');
    const rendered = renderMail(row.template, row.language === 'de' ? 'de' : 'en', params);
    try {
      await deps.transport.send({ to, ...rendered }, { outboxId: row.id, template: row.template });
    } catch (error) {
      const refused = isRecipientRefused(error);
      if (refused || context.attempt >= MAX_ATTEMPTS) {
        await deps.transactor.asSystem((tx) =>
          updateOutboxMail(tx, row.id, { status: 'failed', params: null }),
        );
      }
      if (refused) {
        context.log.warn(
          { err: error, outboxId: row.id },
          'the mail relay refused the recipient; not retried',
        );
        return;
      }
      throw error;
    }
    await deps.transactor.asSystem((tx) =>
      updateOutboxMail(tx, row.id, { status: 'sent', sentAt: deps.clock.now(), params: null }),
    );
  };
}

import { randomUUID } from 'node:crypto';
import type { SmsConfig } from '../../config.js';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Clock } from '../clock.js';
import type { FieldCipher } from '../crypto/index.js';
import type { JobHandler, JobRunner } from '../jobs/runner.js';
import type { Logger } from '../logger.js';
import { findClientSmsContact, findOutboxSms, insertOutboxSms, updateOutboxSms } from './outbox.repo.js';
import { createLogSmsProvider, type SmsProvider, SmsSendError } from './provider.js';
import { isSmsTemplate, renderSms, type SmsLanguage, type SmsTemplate } from './templates.js';
import { createTwilioProvider } from './twilio.js';

export const SMS_JOB = 'sms.send';
const MAX_ATTEMPTS = 10;

/** A text to a client. The number stays in the client's record and is read when the text goes out. */
export interface SmsRequest {
  practiceId: string;
  clientId: string;
  template: SmsTemplate;
  language: SmsLanguage;
  /** Template values such as the access code; kept encrypted until the text is sent, then erased. */
  params: Record<string, string>;
}

export interface SmsSender {
  /** Queues a text in the caller's transaction: it goes out only if that transaction commits. */
  enqueue(tx: Tx, request: SmsRequest): Promise<string>;
}

const paramsLocation = (id: string) => ({ table: 'sms_outbox', column: 'params', rowId: id });
const clientMobileLocation = (clientId: string) => ({ table: 'clients', column: 'mobile', rowId: clientId });
// Sealed under the client's key, so erasing the client reaches queued texts too.
const ownerOf = (row: { practiceId: string; clientId: string }) => ({
  practiceId: row.practiceId,
  clientId: row.clientId,
});

export function createSmsSender(deps: { jobs: JobRunner; cipher: FieldCipher; clock: Clock }): SmsSender {
  return {
    async enqueue(tx, request) {
      const id = randomUUID();
      await insertOutboxSms(tx, {
        id,
        practiceId: request.practiceId,
        clientId: request.clientId,
        template: request.template,
        language: request.language,
        params: await deps.cipher.encrypt(
          tx,
          ownerOf(request),
          JSON.stringify(request.params),
          paramsLocation(id),
        ),
        createdAt: deps.clock.now(),
      });
      await deps.jobs.enqueue(tx, SMS_JOB, { outboxId: id }, { maxAttempts: MAX_ATTEMPTS });
      return id;
    },
  };
}

/**
 * The job that sends one queued text. A failed send throws, so the runner retries with backoff, unless
 * the provider refused the message itself; a text already sent is never sent again. It is skipped when,
 * by the time it is due, the client has no mobile number or has refused texts.
 */
export function createSmsDelivery(deps: {
  transactor: Transactor;
  cipher: FieldCipher;
  provider: SmsProvider;
  clock: Clock;
}): JobHandler {
  const { cipher } = deps;
  return async (payload, context) => {
    const outboxId = (payload as { outboxId?: unknown }).outboxId;
    if (typeof outboxId !== 'string') throw new Error('SMS job without an outbox id');
    const sms = await deps.transactor.asSystem(async (tx) => {
      const row = await findOutboxSms(tx, outboxId);
      if (row?.status !== 'queued' || row.params === null) return undefined;
      const contact = await findClientSmsContact(tx, row.practiceId, row.clientId);
      if (!contact || contact.mobile === null || contact.smsOptOutAt !== null) {
        await updateOutboxSms(tx, row.id, { status: 'skipped', params: null, attempts: context.attempt });
        return undefined;
      }
      const to = await cipher.decrypt(tx, ownerOf(row), contact.mobile, clientMobileLocation(row.clientId));
      const params = JSON.parse(
        await cipher.decrypt(tx, ownerOf(row), row.params, paramsLocation(row.id)),
      ) as Record<string, string>;
      await updateOutboxSms(tx, row.id, { attempts: context.attempt });
      return { row, to, params };
    });
    if (!sms) return;
    const { row, to, params } = sms;
    if (!isSmsTemplate(row.template)) throw new Error('unknown SMS template');
    const body = renderSms(row.template, row.language === 'de' ? 'de' : 'en', params);
    let sent: { providerMessageId: string | null };
    try {
      sent = await deps.provider.send({ to, body }, { outboxId: row.id, template: row.template });
    } catch (error) {
      const refused = error instanceof SmsSendError && error.permanent;
      if (refused || context.attempt >= MAX_ATTEMPTS) {
        await deps.transactor.asSystem((tx) =>
          updateOutboxSms(tx, row.id, { status: 'failed', params: null }),
        );
      }
      if (refused) {
        context.log.warn(
          { err: error, outboxId: row.id },
          'the SMS provider refused the message; not retried',
        );
        return;
      }
      throw error;
    }
    await deps.transactor.asSystem((tx) =>
      updateOutboxSms(tx, row.id, {
        status: 'sent',
        sentAt: deps.clock.now(),
        providerMessageId: sent.providerMessageId,
        params: null,
      }),
    );
  };
}

/** The provider SMS_PROVIDER names: the log unless a gateway was turned on. */
export function createSmsProvider(config: SmsConfig, log: Logger): SmsProvider {
  switch (config.provider) {
    case 'log':
      return createLogSmsProvider(log);
    case 'twilio':
      return createTwilioProvider(config);
  }
}

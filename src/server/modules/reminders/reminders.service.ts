import { createHash, randomUUID } from 'node:crypto';
import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { Logger } from '../../platform/logger.js';
import type { PushSender, PushSubscription } from '../../platform/push/push-sender.js';
import { findProgramItems, listEntries } from '../patient/adherence.repo.js';
import { dueToday, mondayOf } from '../patient/due-today.js';
import type { PatientPrincipal } from '../patient/patient-access.service.js';
import { reminderDue } from './reminder-times.js';
import {
  deleteSubscription,
  deleteSubscriptionByHash,
  findReminderSettings,
  listAllReminderSettings,
  listLiveSubscriptions,
  markReminderSent,
  markSubscriptionSent,
  saveReminderSettings,
  upsertSubscription,
} from './reminders.repo.js';
import type { RemindersInput } from './reminders.schema.js';

const subscriptionAt = (rowId: string) => ({ table: 'push_subscriptions', column: 'subscription', rowId });
const endpointHashOf = (endpoint: string) => createHash('sha256').update(endpoint).digest('base64url');

// What a reminder says on a lock screen: nothing about the program or the client's health.
const messages = {
  en: { title: 'Rehabit', body: 'Time for your exercises.' },
  de: { title: 'Rehabit', body: 'Zeit für Ihre Übungen.' },
};

export function createRemindersService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  push: PushSender;
  log: Logger;
}) {
  const { transactor, audit, cipher, clock, push, log } = deps;

  /** Whether anything of the program is still due on the client's day. */
  async function somethingDue(practiceId: string, clientId: string, day: string) {
    return transactor.inPractice(practiceId, async (tx) => {
      const program = await findProgramItems(tx, practiceId, clientId);
      const current = program?.versions.find((v) => v.version === program.currentVersion);
      if (!current || current.content.items.length === 0) return false;
      const logs = await listEntries(tx, practiceId, clientId, mondayOf(day), day);
      return current.content.items.some((item) => dueToday(item, logs, day).due);
    });
  }

  async function sendTo(practiceId: string, clientId: string, language: 'en' | 'de') {
    const subscriptions = await transactor.inPractice(practiceId, async (tx) =>
      Promise.all(
        (await listLiveSubscriptions(tx, practiceId, clientId, clock.now())).map(async (row) => ({
          id: row.id,
          subscription: JSON.parse(
            await cipher.decrypt(tx, { practiceId, clientId }, row.subscription, subscriptionAt(row.id)),
          ) as PushSubscription,
        })),
      ),
    );
    const outcomes = { sent: 0, gone: 0, failed: 0 };
    for (const { id, subscription } of subscriptions) {
      const outcome = await push.send(subscription, { ...messages[language], url: '/app/' });
      outcomes[outcome]++;
      await transactor.inPractice(practiceId, (tx) =>
        outcome === 'gone'
          ? deleteSubscription(tx, practiceId, id)
          : outcome === 'sent'
            ? markSubscriptionSent(tx, id, clock.now())
            : Promise.resolve(),
      );
    }
    return outcomes;
  }

  return {
    publicKey: push.publicKey,

    async settings(patient: PatientPrincipal) {
      return transactor.inPractice(patient.practiceId, async (tx) => {
        const row = await findReminderSettings(tx, patient.practiceId, patient.clientId);
        const subscriptions = await listLiveSubscriptions(
          tx,
          patient.practiceId,
          patient.clientId,
          clock.now(),
        );
        return {
          times: row?.times ?? [],
          quietHours: row?.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
          timeZone: row?.timeZone ?? null,
          devices: subscriptions.length,
        };
      });
    },

    async saveSettings(patient: PatientPrincipal, input: RemindersInput) {
      await transactor.inPractice(patient.practiceId, async (tx) => {
        await saveReminderSettings(tx, {
          clientId: patient.clientId,
          practiceId: patient.practiceId,
          times: [...new Set(input.times)].sort(),
          quietStart: input.quietHours?.start ?? null,
          quietEnd: input.quietHours?.end ?? null,
          timeZone: input.timeZone,
          updatedAt: clock.now(),
        });
        await audit.record(tx, {
          practiceId: patient.practiceId,
          actor: { type: 'client', id: patient.clientId },
          action: 'reminders.update',
          subject: { type: 'client', id: patient.clientId },
          outcome: 'success',
        });
      });
      return this.settings(patient);
    },

    /** Keeps a device's subscription; the same device subscribing again replaces its old one. */
    async subscribe(patient: PatientPrincipal, subscription: PushSubscription) {
      const { practiceId, clientId } = patient;
      await transactor.inPractice(practiceId, async (tx) => {
        const id = randomUUID();
        await upsertSubscription(tx, {
          id,
          practiceId,
          clientId,
          sessionId: patient.sessionId,
          endpointHash: endpointHashOf(subscription.endpoint),
          subscription: await cipher.encrypt(
            tx,
            { practiceId, clientId },
            JSON.stringify(subscription),
            subscriptionAt(id),
          ),
          createdAt: clock.now(),
        });
      });
    },

    async unsubscribe(patient: PatientPrincipal, endpoint: string) {
      const { practiceId, clientId } = patient;
      return transactor.inPractice(practiceId, (tx) =>
        deleteSubscriptionByHash(tx, practiceId, clientId, endpointHashOf(endpoint)),
      );
    },

    /** The minute's job: each client whose reminder time this is, with something still due, gets a push. */
    async sendDue() {
      const now = clock.now();
      const all = await transactor.asSystem((tx) => listAllReminderSettings(tx));
      let reminded = 0;
      for (const { settings, language, archivedAt } of all) {
        if (archivedAt) continue;
        const quiet =
          settings.quietStart && settings.quietEnd
            ? { start: settings.quietStart, end: settings.quietEnd }
            : null;
        const due = reminderDue(now, { times: settings.times, timeZone: settings.timeZone, quiet });
        // A slot fires once even if the job runs twice in its minute.
        if (!due || (settings.lastSentAt && now.getTime() - settings.lastSentAt.getTime() < 60_000)) continue;
        const { practiceId, clientId } = settings;
        if (!(await somethingDue(practiceId, clientId, due.day))) continue;
        await transactor.inPractice(practiceId, (tx) => markReminderSent(tx, clientId, now));
        const outcomes = await sendTo(practiceId, clientId, language);
        if (outcomes.sent > 0) reminded++;
        if (outcomes.failed > 0) log.warn({ failed: outcomes.failed }, 'some reminders could not be pushed');
      }
      return reminded;
    },
  };
}

export type RemindersService = ReturnType<typeof createRemindersService>;

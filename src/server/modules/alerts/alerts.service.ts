import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { notFound } from '../../platform/errors.js';
import type { NotificationKind, NotificationRaiser } from '../notifications/notifications.types.js';
import { clientExists } from '../patient/patient-access.repo.js';
import {
  type AlertRow,
  acknowledgeAlert,
  findAlert,
  findRules,
  insertAlert,
  listAlerts,
  upsertRules,
} from './alerts.repo.js';

/** The top of the 0–10 scale: with no rule set, only the worst pain raises an alert. */
export const DEFAULT_PAIN_AT_OR_ABOVE = 10;

export interface AlertCaller {
  practiceId: string;
  actor: { type: 'practitioner' | 'api_key'; id: string };
  practitionerId: string | null;
}

export interface LoggedPain {
  entryId: string;
  programItemId: string;
  date: string;
  painLevel: number | null;
}

/** What each kind of alert shows as in the notification centre (and mails, when the member is away). */
const NOTIFIED_AS: Record<AlertRow['kind'], NotificationKind> = {
  pain: 'pain_alert',
  access_code_locked: 'access_code_locked',
};
const detailsAt = (rowId: string) => ({ table: 'alerts', column: 'details', rowId });

export function createAlertsService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  notifications: NotificationRaiser;
}) {
  const { transactor, audit, cipher, clock, notifications } = deps;

  async function raise(
    tx: Tx,
    practiceId: string,
    clientId: string,
    kind: AlertRow['kind'],
    details: object | null,
  ) {
    const id = randomUUID();
    await insertAlert(tx, {
      id,
      practiceId,
      clientId,
      kind,
      details:
        details &&
        (await cipher.encrypt(tx, { practiceId, clientId }, JSON.stringify(details), detailsAt(id))),
      createdAt: clock.now(),
    });
    await audit.record(tx, {
      practiceId,
      actor: { type: 'system' },
      action: 'alert.create',
      subject: { type: 'alert', id },
      outcome: 'success',
    });
    await notifications.raise(tx, { practiceId, kind: NOTIFIED_AS[kind], clientId, subjectId: id });
  }

  async function present(tx: Tx, row: { alert: AlertRow; firstName: string; lastName: string }) {
    const { alert } = row;
    const owner = { practiceId: alert.practiceId, clientId: alert.clientId };
    return {
      id: alert.id,
      kind: alert.kind,
      client: { id: alert.clientId, firstName: row.firstName, lastName: row.lastName },
      details: alert.details
        ? JSON.parse(await cipher.decrypt(tx, owner, alert.details, detailsAt(alert.id)))
        : null,
      createdAt: alert.createdAt,
      acknowledgedAt: alert.acknowledgedAt,
      acknowledgedBy: alert.acknowledgedBy,
    };
  }

  const painThreshold = async (tx: Tx, practiceId: string, clientId: string) => {
    const rules = await findRules(tx, practiceId, clientId);
    return rules.client?.painAtOrAbove ?? rules.practice?.painAtOrAbove ?? DEFAULT_PAIN_AT_OR_ABOVE;
  };

  return {
    /** Raises a pain alert for each new entry at or above the client's threshold, in the log's transaction. */
    async onPainLogged(tx: Tx, practiceId: string, clientId: string, entries: LoggedPain[]) {
      const threshold = await painThreshold(tx, practiceId, clientId);
      const painful = entries.filter((entry) => entry.painLevel !== null && entry.painLevel >= threshold);
      for (const entry of painful) await raise(tx, practiceId, clientId, 'pain', { ...entry, threshold });
      return painful.length;
    },

    /** A client's access code was locked by wrong years of birth: someone may be guessing, or they forgot. */
    async onAccessCodeLocked(tx: Tx, practiceId: string, clientId: string) {
      await raise(tx, practiceId, clientId, 'access_code_locked', null);
    },

    async list(
      caller: AlertCaller,
      query: {
        status: 'open' | 'acknowledged' | 'all';
        limit: number;
        before?: Date | undefined;
        clientId?: string | undefined;
      },
    ) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const rows = await listAlerts(tx, caller.practiceId, query);
        await audit.record(tx, {
          practiceId: caller.practiceId,
          actor: caller.actor,
          action: 'alert.list',
          subject: { type: 'alert_count', id: String(rows.length) },
          outcome: 'success',
        });
        return { items: await Promise.all(rows.map((row) => present(tx, row))) };
      });
    },

    async acknowledge(caller: AlertCaller, id: string) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        if (!(await findAlert(tx, caller.practiceId, id))) throw notFound('This alert does not exist.');
        await acknowledgeAlert(tx, id, clock.now(), caller.practitionerId);
        await audit.record(tx, {
          practiceId: caller.practiceId,
          actor: caller.actor,
          action: 'alert.acknowledge',
          subject: { type: 'alert', id },
          outcome: 'success',
        });
        const row = await findAlert(tx, caller.practiceId, id);
        if (!row) throw notFound();
        return present(tx, row);
      });
    },

    /** The practice's defaults (clientId null) or a client's rules, with what applies in effect. */
    async rules(caller: AlertCaller, clientId: string | null) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        if (clientId !== null && !(await clientExists(tx, caller.practiceId, clientId))) throw notFound();
        const rules = await findRules(tx, caller.practiceId, clientId);
        const own = clientId === null ? rules.practice : rules.client;
        const inherited = clientId === null ? undefined : rules.practice?.painAtOrAbove;
        return {
          painAtOrAbove: own?.painAtOrAbove ?? null,
          effective: { painAtOrAbove: own?.painAtOrAbove ?? inherited ?? DEFAULT_PAIN_AT_OR_ABOVE },
        };
      });
    },

    async setRules(caller: AlertCaller, clientId: string | null, input: { painAtOrAbove: number | null }) {
      await transactor.inPractice(caller.practiceId, async (tx) => {
        if (clientId !== null && !(await clientExists(tx, caller.practiceId, clientId))) throw notFound();
        await upsertRules(tx, {
          id: randomUUID(),
          practiceId: caller.practiceId,
          clientId,
          painAtOrAbove: input.painAtOrAbove,
          updatedAt: clock.now(),
          updatedBy: caller.practitionerId,
        });
        await audit.record(tx, {
          practiceId: caller.practiceId,
          actor: caller.actor,
          action: 'alert_rules.update',
          subject:
            clientId === null
              ? { type: 'practice', id: caller.practiceId }
              : { type: 'client', id: clientId },
          outcome: 'success',
        });
      });
      return this.rules(caller, clientId);
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;

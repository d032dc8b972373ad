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
  type RuleValues,
  upsertRules,
} from './alerts.repo.js';
import { listClientsForAdherenceCheck } from './no-adherence.repo.js';

/** The top of the 0–10 scale: with no rule set, only the worst pain raises an alert. */
export const DEFAULT_PAIN_AT_OR_ABOVE = 10;
/** A week without any logged exercise, unless the practice or client says otherwise (0: off). */
export const DEFAULT_NO_ADHERENCE_DAYS = 7;
/** A score worse than the baseline by the MCID or more raises an alert unless turned off. */
export const DEFAULT_SCORE_WORSE_BY_MCID = true;

/** Kinds a clinician must see first: a client may be at risk. */
export const URGENT_KINDS: readonly AlertRow['kind'][] = ['self_harm_risk'];

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

/** A scored outcome response, as the outcomes module reports it in the response's transaction. */
export interface ScoredOutcome {
  responseId: string;
  measure: string;
  flags: string[];
  /** Against the client's first response to the measure; null for the first one, or without a total. */
  change: { delta: number; worsened: boolean; clinicallyImportant: boolean } | null;
  mcid: number | null;
}

/**
 * What each kind of alert shows as in the notification centre (and mails, when the member is away).
 * No adherence has no notification kind of its own yet (neither "pain" nor "outcome" says what it is),
 * so it shows in the alerts inbox only.
 */
const NOTIFIED_AS: Record<AlertRow['kind'], NotificationKind | null> = {
  pain: 'pain_alert',
  access_code_locked: 'access_code_locked',
  no_adherence: null,
  outcome_worse: 'outcome_alert',
  self_harm_risk: 'outcome_alert',
};
const DAY_MS = 24 * 60 * 60 * 1000;
const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));

type RuleRow = RuleValues | undefined;
/** What applies: the client's own value, else the practice's, else Rehabit's default. */
function effectiveRules(own: RuleRow, inherited: RuleRow) {
  return {
    painAtOrAbove: own?.painAtOrAbove ?? inherited?.painAtOrAbove ?? DEFAULT_PAIN_AT_OR_ABOVE,
    noAdherenceDays: own?.noAdherenceDays ?? inherited?.noAdherenceDays ?? DEFAULT_NO_ADHERENCE_DAYS,
    scoreWorseByMcid: own?.scoreWorseByMcid ?? inherited?.scoreWorseByMcid ?? DEFAULT_SCORE_WORSE_BY_MCID,
    // Never a rule: a possible risk of self-harm always reaches the practice.
    selfHarmRisk: true as const,
  };
}
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
    const notifiedAs = NOTIFIED_AS[kind];
    if (notifiedAs) await notifications.raise(tx, { practiceId, kind: notifiedAs, clientId, subjectId: id });
  }

  async function present(tx: Tx, row: { alert: AlertRow; firstName: string; lastName: string }) {
    const { alert } = row;
    const owner = { practiceId: alert.practiceId, clientId: alert.clientId };
    return {
      id: alert.id,
      kind: alert.kind,
      urgent: URGENT_KINDS.includes(alert.kind),
      client: { id: alert.clientId, firstName: row.firstName, lastName: row.lastName },
      details: alert.details
        ? JSON.parse(await cipher.decrypt(tx, owner, alert.details, detailsAt(alert.id)))
        : null,
      createdAt: alert.createdAt,
      acknowledgedAt: alert.acknowledgedAt,
      acknowledgedBy: alert.acknowledgedBy,
    };
  }

  const rulesFor = async (tx: Tx, practiceId: string, clientId: string) => {
    const rules = await findRules(tx, practiceId, clientId);
    return effectiveRules(rules.client, rules.practice);
  };

  return {
    /** Raises a pain alert for each new entry at or above the client's threshold, in the log's transaction. */
    async onPainLogged(tx: Tx, practiceId: string, clientId: string, entries: LoggedPain[]) {
      const threshold = (await rulesFor(tx, practiceId, clientId)).painAtOrAbove;
      const painful = entries.filter((entry) => entry.painLevel !== null && entry.painLevel >= threshold);
      for (const entry of painful) await raise(tx, practiceId, clientId, 'pain', { ...entry, threshold });
      return painful.length;
    },

    /** A client's access code was locked by wrong years of birth: someone may be guessing, or they forgot. */
    async onAccessCodeLocked(tx: Tx, practiceId: string, clientId: string) {
      await raise(tx, practiceId, clientId, 'access_code_locked', null);
    },

    /**
     * In the response's transaction: an answer flagging a risk of self-harm always raises an urgent
     * alert; a score worse than the baseline by the MCID or more raises one where the rule is on.
     */
    async onOutcomeScored(tx: Tx, practiceId: string, clientId: string, outcome: ScoredOutcome) {
      const { responseId, measure, change, mcid } = outcome;
      if (outcome.flags.includes('self_harm_risk'))
        await raise(tx, practiceId, clientId, 'self_harm_risk', { responseId, measure });
      if (!change?.worsened || !change.clinicallyImportant) return;
      if (!(await rulesFor(tx, practiceId, clientId)).scoreWorseByMcid) return;
      await raise(tx, practiceId, clientId, 'outcome_worse', {
        responseId,
        measure,
        delta: change.delta,
        mcid,
      });
    },

    /**
     * The daily check: a client with exercises who has logged nothing for their rule's number of days
     * (counted from the last log, or from the program's start) raises one alert per silence. Every
     * practice, or the one named (an operator re-running it for one practice; tests).
     */
    async raiseNoAdherence(scope: { practiceId?: string } = {}): Promise<number> {
      const now = clock.now();
      const candidates = (
        await transactor.asSystem((tx) => listClientsForAdherenceCheck(tx, scope.practiceId))
      )
        .map((row) => {
          const lastLog = toDate(row.lastLogAt);
          const since = lastLog && lastLog > row.programStartedAt ? lastLog : row.programStartedAt;
          return { ...row, since, lastAlertAt: toDate(row.lastAlertAt) };
        })
        .filter(
          (row) =>
            (!row.lastAlertAt || row.lastAlertAt <= row.since) &&
            now.getTime() - row.since.getTime() >= DAY_MS,
        );
      const byPractice = new Map<string, typeof candidates>();
      for (const row of candidates)
        byPractice.set(row.practiceId, [...(byPractice.get(row.practiceId) ?? []), row]);
      let raised = 0;
      for (const [practiceId, rows] of byPractice)
        await transactor.inPractice(practiceId, async (tx) => {
          for (const row of rows) {
            const days = (await rulesFor(tx, practiceId, row.clientId)).noAdherenceDays;
            const silentDays = Math.floor((now.getTime() - row.since.getTime()) / DAY_MS);
            if (days === 0 || silentDays < days) continue;
            await raise(tx, practiceId, row.clientId, 'no_adherence', {
              days: silentDays,
              threshold: days,
              since: row.since.toISOString(),
            });
            raised++;
          }
        });
      return raised;
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
        await acknowledgeAlert(tx, caller.practiceId, id, clock.now(), caller.practitionerId);
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
        return {
          painAtOrAbove: own?.painAtOrAbove ?? null,
          noAdherenceDays: own?.noAdherenceDays ?? null,
          scoreWorseByMcid: own?.scoreWorseByMcid ?? null,
          effective: effectiveRules(own, clientId === null ? undefined : rules.practice),
        };
      });
    },

    /** Sets the given rules (null: back to the default; left out: unchanged). */
    async setRules(caller: AlertCaller, clientId: string | null, input: RuleValues) {
      await transactor.inPractice(caller.practiceId, async (tx) => {
        if (clientId !== null && !(await clientExists(tx, caller.practiceId, clientId))) throw notFound();
        await upsertRules(tx, {
          id: randomUUID(),
          practiceId: caller.practiceId,
          clientId,
          ...input,
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

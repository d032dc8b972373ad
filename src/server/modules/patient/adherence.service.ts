import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import type { AlertsService, LoggedPain } from '../alerts/alerts.service.js';
import type { ExerciseComment, MessagesService } from '../messages/messages.service.js';
import {
  type AdherenceRow,
  findEntriesByClientEntryIds,
  findProgramItems,
  insertEntryOnce,
  listEntries,
} from './adherence.repo.js';
import type { AdherenceEntryInput } from './adherence.schema.js';
import { type AdherenceSummary, daysIn, summarise } from './adherence-summary.js';
import { clientExists } from './patient-access.repo.js';
import type { PatientOrigin, PatientPrincipal, PractitionerCaller } from './patient-access.service.js';

/** What the client logged for one exercise; encrypted as one value. */
interface EntryDetails {
  setsDone: number | null;
  repsDone: number | null;
  holdSeconds: number | null;
  painLevel: number | null;
  comment: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// An app can be offline for weeks; older than this is a wrong clock rather than a late sync.
const OLDEST_ENTRY_DAYS = 90;
const DEFAULT_PERIOD_DAYS = 28;
const MAX_PERIOD_DAYS = 366;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);
const location = (rowId: string) => ({ table: 'adherence_entries', column: 'details', rowId });

export function createAdherenceService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  alerts: Pick<AlertsService, 'onPainLogged'>;
  /** Comments join the client's conversation as exercise feedback. */
  feedback: Pick<MessagesService, 'onExerciseComments'>;
}) {
  const { transactor, audit, cipher, clock, alerts, feedback } = deps;

  function periodOf(range: { from?: string | undefined; to?: string | undefined }) {
    const to = range.to ?? isoDay(clock.now());
    const from =
      range.from ?? isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS));
    const days = daysIn(from, to);
    if (days < 1 || days > MAX_PERIOD_DAYS)
      throw validationFailed([
        { field: 'from', message: `Choose a period of 1 to ${MAX_PERIOD_DAYS} days.` },
      ]);
    return { from, to };
  }

  async function present(tx: Tx, row: AdherenceRow) {
    const owner = { practiceId: row.practiceId, clientId: row.clientId };
    const details = JSON.parse(
      await cipher.decrypt(tx, owner, row.details, location(row.id)),
    ) as EntryDetails;
    return {
      id: row.id,
      clientEntryId: row.clientEntryId,
      programItemId: row.programItemId,
      programVersion: row.programVersion,
      date: row.performedOn,
      ...details,
      receivedAt: row.createdAt,
    };
  }

  /** Entries must name an item of any version of the program, and a day the app could have logged. */
  function checkEntries(entries: AdherenceEntryInput[], knownItems: Set<string>, now: Date) {
    const latest = isoDay(new Date(now.getTime() + DAY_MS));
    const oldest = isoDay(new Date(now.getTime() - OLDEST_ENTRY_DAYS * DAY_MS));
    const problems = entries.flatMap((entry, index) => [
      ...(knownItems.has(entry.programItemId)
        ? []
        : [{ field: `entries.${index}.programItemId`, message: 'This exercise is not in your program.' }]),
      ...(entry.date > latest || entry.date < oldest
        ? [{ field: `entries.${index}.date`, message: `Use a day from ${oldest} to ${latest}.` }]
        : []),
    ]);
    if (problems.length > 0) throw validationFailed(problems);
  }

  return {
    /**
     * Stores what the app logged. An entry the app sent before (same clientEntryId) is answered as
     * it was stored and not changed: offline sync may replay a batch any number of times.
     */
    async record(patient: PatientPrincipal, entries: AdherenceEntryInput[], origin: PatientOrigin) {
      const { practiceId, clientId } = patient;
      const now = clock.now();
      return transactor.inPractice(practiceId, async (tx) => {
        const program = await findProgramItems(tx, practiceId, clientId);
        const known = new Set(program?.versions.flatMap((v) => v.content.items.map((item) => item.id)) ?? []);
        checkEntries(entries, known, now);
        const created: LoggedPain[] = [];
        const comments: ExerciseComment[] = [];
        for (const entry of entries) {
          const id = randomUUID();
          const details: EntryDetails = {
            setsDone: entry.setsDone,
            repsDone: entry.repsDone,
            holdSeconds: entry.holdSeconds,
            painLevel: entry.painLevel,
            comment: entry.comment,
          };
          const sealed = await cipher.encrypt(
            tx,
            { practiceId, clientId },
            JSON.stringify(details),
            location(id),
          );
          const isNew = await insertEntryOnce(tx, {
            id,
            practiceId,
            clientId,
            clientEntryId: entry.clientEntryId,
            programItemId: entry.programItemId,
            programVersion: program?.currentVersion ?? 0,
            performedOn: entry.date,
            details: sealed,
            createdAt: now,
          });
          if (isNew)
            created.push({
              entryId: id,
              programItemId: entry.programItemId,
              date: entry.date,
              painLevel: entry.painLevel,
            });
          if (isNew && entry.comment) comments.push({ entryId: id, comment: entry.comment });
        }
        if (created.length > 0) await alerts.onPainLogged(tx, practiceId, clientId, created);
        await feedback.onExerciseComments(tx, practiceId, clientId, comments);
        if (created.length > 0)
          await audit.record(tx, {
            practiceId,
            actor: { type: 'client', id: clientId },
            action: 'adherence.create',
            subject: { type: 'client', id: clientId },
            outcome: 'success',
            ...origin,
          });
        const stored = await findEntriesByClientEntryIds(
          tx,
          clientId,
          entries.map((entry) => entry.clientEntryId),
        );
        return { created: created.length, items: await Promise.all(stored.map((row) => present(tx, row))) };
      });
    },

    /** The client's own entries over a period (default: the last four weeks), for the app's calendar. */
    async forClient(
      patient: PatientPrincipal,
      range: { from?: string | undefined; to?: string | undefined },
    ) {
      const { from, to } = periodOf(range);
      const { practiceId, clientId } = patient;
      return transactor.inPractice(practiceId, async (tx) => {
        const rows = await listEntries(tx, practiceId, clientId, from, to);
        await audit.record(tx, {
          practiceId,
          actor: { type: 'client', id: clientId },
          action: 'adherence.read',
          subject: { type: 'client', id: clientId },
          outcome: 'success',
        });
        return { from, to, items: await Promise.all(rows.map((row) => present(tx, row))) };
      });
    },

    /** The client's entries and their adherence over a period (default: the last four weeks). */
    async forPractitioner(
      caller: PractitionerCaller,
      clientId: string,
      range: { from?: string | undefined; to?: string | undefined },
    ): Promise<{ items: Awaited<ReturnType<typeof present>>[]; summary: AdherenceSummary }> {
      const to = range.to ?? isoDay(clock.now());
      const from =
        range.from ?? isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS));
      const days = daysIn(from, to);
      if (days < 1 || days > MAX_PERIOD_DAYS)
        throw validationFailed([
          { field: 'from', message: `Choose a period of 1 to ${MAX_PERIOD_DAYS} days.` },
        ]);
      const { practiceId } = caller;
      return transactor.inPractice(practiceId, async (tx) => {
        if (!(await clientExists(tx, practiceId, clientId))) throw notFound();
        const program = await findProgramItems(tx, practiceId, clientId);
        const current = program?.versions.find((v) => v.version === program.currentVersion);
        const rows = await listEntries(tx, practiceId, clientId, from, to);
        const items = await Promise.all(rows.map((row) => present(tx, row)));
        await audit.record(tx, {
          practiceId,
          actor: caller.actor,
          action: 'adherence.read',
          subject: { type: 'client', id: clientId },
          outcome: 'success',
        });
        const summary = summarise(
          current?.content.items ?? [],
          items.map((item) => ({
            programItemId: item.programItemId,
            performedOn: item.date,
            painLevel: item.painLevel,
          })),
          { from, to },
        );
        return { items, summary };
      });
    },
  };
}

export type AdherenceService = ReturnType<typeof createAdherenceService>;

import type { Tx } from '../../db/transactions.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { findRules } from '../alerts/alerts.repo.js';
import type { ClientRow } from '../clients/clients.repo.js';
import { displayNationalId } from '../clients/national-id.js';
import { openCorrection } from '../messages/messages.presenter.js';
import { instrumentByCode } from '../outcomes/instruments/index.js';
import { createOutcomeRecords } from '../outcomes/outcome-records.js';
import { findCustomMeasure, listAssignments, listResponses } from '../outcomes/outcomes.repo.js';
import { createProgramRecords } from '../programs/program-records.js';
import {
  findAccessCode,
  findEducationTitles,
  findPracticeName,
  findProgram,
  listProgramVersions,
} from '../programs/programs.repo.js';
import { findReminderSettings } from '../reminders/reminders.repo.js';
import {
  listAlertsAbout,
  listAllAdherence,
  listAppPasskeys,
  listAppSessions,
  listAuditAbout,
  listFeaturing,
  listOutboxOf,
  listPushSubscriptions,
  listWholeConversation,
} from './export.repo.js';
import type { ClientExport } from './export.schema.js';

// Reads everything held about one client inside the caller's transaction and opens what is encrypted.
// Each value is decrypted at the location it was sealed for (table, column, row), as its module does.

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;
const location = (table: string, column: string, rowId: string) => ({ table, column, rowId });

interface EntryDetails {
  setsDone: number | null;
  repsDone: number | null;
  holdSeconds: number | null;
  painLevel: number | null;
  comment: string | null;
}

export type ClientExportReader = ReturnType<typeof createClientExportReader>;

export function createClientExportReader(deps: { cipher: FieldCipher; clock: Clock; region: string }) {
  const { cipher, clock, region } = deps;
  const programRecords = createProgramRecords({ cipher, clock });
  const outcomeRecords = createOutcomeRecords(cipher);

  async function clientFields(tx: Tx, row: ClientRow) {
    const owner = { practiceId: row.practiceId, clientId: row.id };
    const open = (value: string | null, column: string) =>
      value === null ? null : cipher.decrypt(tx, owner, value, location('clients', column, row.id));
    const nationalId = await open(row.nationalId, 'national_id');
    return {
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      gender: row.gender,
      yearOfBirth: row.yearOfBirth,
      email: await open(row.email, 'email'),
      mobile: await open(row.mobile, 'mobile'),
      diagnosisCode: await open(row.diagnosisCode, 'diagnosis_code'),
      nationalId:
        nationalId !== null && row.nationalIdKind !== null
          ? displayNationalId(row.nationalIdKind, nationalId)
          : nationalId,
      nationalIdKind: row.nationalIdKind,
      language: row.language,
      createdBy: row.createdBy,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
      archivedAt: isoOrNull(row.archivedAt),
    };
  }

  async function program(tx: Tx, client: ClientRow): Promise<ClientExport['program']> {
    const found = await findProgram(tx, client.practiceId, client.id);
    if (!found) return null;
    const rows = await listProgramVersions(tx, client.practiceId, found.id);
    const versions: NonNullable<ClientExport['program']>['versions'] = [];
    for (const { version } of [...rows].reverse()) {
      const view = await programRecords.readVersion(tx, found, version.version, client.language);
      if (!view) continue;
      const titles = await findEducationTitles(
        tx,
        client.practiceId,
        view.content.educationIds,
        client.language,
      );
      versions.push({
        version: view.version,
        savedAt: iso(view.savedAt),
        savedBy: view.savedBy,
        note: view.note,
        items: view.content.items.map((item) => ({
          id: item.id,
          exerciseId: item.exerciseId,
          exerciseTitle: view.exercises.get(item.exerciseId)?.title ?? null,
          sets: item.sets,
          reps: item.reps,
          holdSeconds: item.holdSeconds,
          restSeconds: item.restSeconds,
          timesPerDay: item.timesPerDay,
          daysPerWeek: item.daysPerWeek,
          side: item.side,
          load: item.load ?? null,
          notes: view.itemNotes[item.id] ?? null,
        })),
        education: view.content.educationIds.map((id) => ({ id, title: titles.get(id) ?? null })),
        outcomeMeasures: view.content.outcomeMeasures,
      });
    }
    return {
      id: found.id,
      createdAt: iso(found.createdAt),
      currentVersion: found.currentVersion,
      versions,
    };
  }

  async function adherence(tx: Tx, practiceId: string, clientId: string) {
    const owner = { practiceId, clientId };
    const rows = await listAllAdherence(tx, practiceId, clientId);
    return Promise.all(
      rows.map(async (row) => {
        const details = JSON.parse(
          await cipher.decrypt(tx, owner, row.details, location('adherence_entries', 'details', row.id)),
        ) as EntryDetails;
        return {
          id: row.id,
          clientEntryId: row.clientEntryId,
          programItemId: row.programItemId,
          programVersion: row.programVersion,
          date: row.performedOn,
          setsDone: details.setsDone ?? null,
          repsDone: details.repsDone ?? null,
          holdSeconds: details.holdSeconds ?? null,
          painLevel: details.painLevel ?? null,
          comment: details.comment ?? null,
          receivedAt: iso(row.createdAt),
        };
      }),
    );
  }

  // A correction request seals the field with the client's words; the export shows them apart.
  const bodyOf = (kind: string, body: string) => {
    if (kind !== 'correction_request') return { body, correction: null };
    const opened = openCorrection(body);
    return { body: opened.message, correction: { field: opened.field } };
  };

  async function conversation(tx: Tx, practiceId: string, clientId: string) {
    const owner = { practiceId, clientId };
    const rows = await listWholeConversation(tx, practiceId, clientId);
    return Promise.all(
      rows.map(async ({ message, authorFirstName, authorLastName }) => ({
        id: message.id,
        kind: message.kind,
        author: message.author,
        authorPractitioner:
          message.authorPractitionerId === null
            ? null
            : {
                id: message.authorPractitionerId,
                name: `${authorFirstName ?? ''} ${authorLastName ?? ''}`.trim(),
              },
        ...bodyOf(
          message.kind,
          await cipher.decrypt(tx, owner, message.body, location('messages', 'body', message.id)),
        ),
        adherenceEntryId: message.adherenceEntryId,
        sentAt: iso(message.createdAt),
        readAt: isoOrNull(message.readAt),
        readByPractitionerId: message.readByPractitionerId,
      })),
    );
  }

  async function outcomes(tx: Tx, practiceId: string, clientId: string): Promise<ClientExport['outcomes']> {
    const assignments = await listAssignments(tx, practiceId, clientId, false);
    const responses = await listResponses(tx, practiceId, clientId);
    const customNames = new Map<string, string>();
    for (const row of responses) {
      if (row.customMeasureId === null || customNames.has(row.customMeasureId)) continue;
      const measure = await findCustomMeasure(tx, practiceId, row.customMeasureId);
      if (measure) customNames.set(row.customMeasureId, measure.name);
    }
    return {
      assignments: await Promise.all(
        assignments.map(async (row) => ({
          id: row.id,
          measureCode: row.measureCode,
          customMeasureId: row.customMeasureId,
          schedule: row.schedule,
          interval: row.interval,
          activities: await outcomeRecords.openActivities(tx, row),
          startsAt: iso(row.startsAt),
          nextDueAt: isoOrNull(row.nextDueAt),
          endedAt: isoOrNull(row.endedAt),
          createdAt: iso(row.createdAt),
        })),
      ),
      responses: await Promise.all(
        responses.map(async (row) => {
          const opened = await outcomeRecords.openResponse(tx, row);
          return {
            id: row.id,
            measureCode: row.measureCode,
            customMeasureId: row.customMeasureId,
            measureName:
              (row.measureCode !== null
                ? instrumentByCode(row.measureCode)?.name
                : row.customMeasureId !== null
                  ? customNames.get(row.customMeasureId)
                  : undefined) ?? null,
            assignmentId: row.assignmentId,
            source: row.source,
            enteredBy: row.enteredBy,
            answers: opened.answers,
            activities: opened.activities ?? null,
            score: opened.score,
            takenAt: iso(row.takenAt),
            recordedAt: iso(row.createdAt),
          };
        }),
      ),
    };
  }

  async function alertsAbout(tx: Tx, practiceId: string, clientId: string) {
    const owner = { practiceId, clientId };
    const rows = await listAlertsAbout(tx, practiceId, clientId);
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        kind: row.kind,
        details: row.details
          ? (JSON.parse(
              await cipher.decrypt(tx, owner, row.details, location('alerts', 'details', row.id)),
            ) as Record<string, unknown>)
          : null,
        createdAt: iso(row.createdAt),
        acknowledgedAt: isoOrNull(row.acknowledgedAt),
        acknowledgedBy: row.acknowledgedBy,
      })),
    );
  }

  /** Everything held about the client, decrypted; runs inside the caller's (audited) transaction. */
  async function read(tx: Tx, client: ClientRow): Promise<ClientExport> {
    const { practiceId, id: clientId } = client;
    const code = await findAccessCode(tx, practiceId, clientId);
    const featuring = await listFeaturing(tx, practiceId, clientId);
    const rules = (await findRules(tx, practiceId, clientId)).client;
    const reminders = await findReminderSettings(tx, practiceId, clientId);
    const sessions = await listAppSessions(tx, practiceId, clientId);
    const passkeys = await listAppPasskeys(tx, practiceId, clientId);
    const result = {
      format: 'rehabit-client-export' as const,
      version: 1 as const,
      exportedAt: iso(clock.now()),
      region,
      practice: { id: practiceId, name: await findPracticeName(tx, practiceId) },
      client: await clientFields(tx, client),
      contactPreferences: {
        emailOptOutAt: isoOrNull(client.emailOptOutAt),
        smsOptOutAt: isoOrNull(client.smsOptOutAt),
      },
      accessCode: code ? { issuedAt: iso(code.createdAt), rotatedAt: isoOrNull(code.rotatedAt) } : null,
      program: await program(tx, client),
      exercisesFeaturingClient: [
        ...new Set([...featuring.exerciseIds, ...featuring.media.map((media) => media.exerciseId)]),
      ].map((exerciseId) => ({
        exerciseId,
        media: featuring.media
          .filter((media) => media.exerciseId === exerciseId)
          .map((media) => ({
            id: media.id,
            kind: media.kind,
            contentType: media.contentType,
            byteSize: media.byteSize,
            createdAt: iso(media.createdAt),
          })),
      })),
      adherence: await adherence(tx, practiceId, clientId),
      messages: await conversation(tx, practiceId, clientId),
      outcomes: await outcomes(tx, practiceId, clientId),
      alerts: await alertsAbout(tx, practiceId, clientId),
      alertRules: rules
        ? {
            painAtOrAbove: rules.painAtOrAbove,
            noAdherenceDays: rules.noAdherenceDays,
            scoreWorseByMcid: rules.scoreWorseByMcid,
            updatedAt: iso(rules.updatedAt),
          }
        : null,
      reminders: reminders
        ? {
            times: reminders.times,
            quietStart: reminders.quietStart,
            quietEnd: reminders.quietEnd,
            timeZone: reminders.timeZone,
            lastSentAt: isoOrNull(reminders.lastSentAt),
            updatedAt: iso(reminders.updatedAt),
          }
        : null,
      pushSubscriptions: (await listPushSubscriptions(tx, practiceId, clientId)).map((row) => ({
        id: row.id,
        createdAt: iso(row.createdAt),
        lastSentAt: isoOrNull(row.lastSentAt),
      })),
      appSessions: sessions.map((row) => ({
        id: row.id,
        userAgent: row.userAgent,
        createdAt: iso(row.createdAt),
        lastSeenAt: iso(row.lastSeenAt),
        expiresAt: iso(row.expiresAt),
        endedAt: isoOrNull(row.endedAt),
      })),
      appPasskeys: passkeys.map((row) => ({
        id: row.id,
        userAgent: row.userAgent,
        createdAt: iso(row.createdAt),
        lastUsedAt: isoOrNull(row.lastUsedAt),
      })),
      sentNotices: (await listOutboxOf(tx, practiceId, clientId)).map((row) => ({
        channel: row.channel,
        template: row.template,
        language: row.language,
        status: row.status,
        createdAt: iso(row.createdAt),
        sentAt: isoOrNull(row.sentAt),
      })),
      accessLog: [] as ClientExport['accessLog'],
    };
    // Audit events about the client's own records name those records, not the client: ask for them too.
    const recordIds = [
      ...result.alerts.map((alert) => alert.id),
      ...result.outcomes.responses.map((response) => response.id),
      ...sessions.map((session) => session.id),
      ...passkeys.map((passkey) => passkey.id),
    ];
    result.accessLog = (await listAuditAbout(tx, practiceId, clientId, recordIds)).map((row) => ({
      at: new Date(row.at).toISOString(),
      action: row.action,
      actor: { type: row.actorType, id: row.actorId, name: row.actorName },
      subject:
        row.subjectType !== null && row.subjectId !== null
          ? { type: row.subjectType, id: row.subjectId }
          : null,
      outcome: row.outcome,
    }));
    return result;
  }

  return { read };
}

import { z } from 'zod';
import { genders, nationalIdKinds } from '../../db/schema/clients.js';
import { messageAuthors, messageKinds } from '../../db/schema/messaging.js';

// The client export's documented shape, version 1. Fields are only ever added within a version; a
// change of meaning or a removal is a new version, so an importer can rely on what it reads.

export const exportFormat = z.enum(['json', 'fhir'], { error: 'Choose json or fhir.' });
export const clientExportQuery = z.object({ format: exportFormat.default('json') });
export const clientIdParams = z.object({ id: z.uuid({ error: 'Not a valid id.' }) });

const at = z.iso.datetime();
const day = z.iso.date();
const person = z.object({ id: z.string(), name: z.string() });

const dosage = {
  sets: z.number().nullable(),
  reps: z.number().nullable(),
  holdSeconds: z.number().nullable(),
  restSeconds: z.number().nullable(),
  timesPerDay: z.number().nullable(),
  daysPerWeek: z.number().nullable(),
  side: z.enum(['both', 'left', 'right', 'alternate']).nullable(),
  load: z.string().nullable(),
};

const programVersion = z.object({
  version: z.number().int(),
  savedAt: at,
  savedBy: person.nullable(),
  note: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.uuid(),
      exerciseId: z.uuid(),
      exerciseTitle: z.string().nullable(),
      ...dosage,
      notes: z.string().nullable(),
    }),
  ),
  education: z.array(z.object({ id: z.uuid(), title: z.string().nullable() })),
  outcomeMeasures: z.array(z.string()),
});

const score = z.object({
  total: z.number().nullable(),
  band: z.string().optional(),
  subscales: z.record(z.string(), z.number()).optional(),
  flags: z.array(z.string()),
  healthState: z.string().optional(),
});

export const clientExportSchema = z
  .object({
    format: z.literal('rehabit-client-export'),
    version: z.literal(1),
    exportedAt: at,
    region: z.string(),
    practice: z.object({ id: z.uuid(), name: z.string() }),
    client: z.object({
      id: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      gender: z.enum(genders),
      yearOfBirth: z.number().int(),
      email: z.string().nullable(),
      mobile: z.string().nullable(),
      diagnosisCode: z.string().nullable(),
      nationalId: z.string().nullable(),
      nationalIdKind: z.enum(nationalIdKinds).nullable(),
      language: z.enum(['en', 'de']),
      createdBy: z.uuid().nullable(),
      createdAt: at,
      updatedAt: at,
      archivedAt: at.nullable(),
    }),
    contactPreferences: z.object({ emailOptOutAt: at.nullable(), smsOptOutAt: at.nullable() }),
    accessCode: z
      .object({ issuedAt: at, rotatedAt: at.nullable() })
      .nullable()
      .describe('When the code was issued and last changed; never the code, which is a live credential'),
    program: z
      .object({
        id: z.uuid(),
        createdAt: at,
        currentVersion: z.number().int(),
        versions: z.array(programVersion),
      })
      .nullable()
      .describe('Every saved version, oldest first'),
    exercisesFeaturingClient: z.array(
      z.object({
        exerciseId: z.uuid(),
        media: z.array(
          z.object({
            id: z.uuid(),
            kind: z.string(),
            contentType: z.string(),
            byteSize: z.number(),
            createdAt: at,
          }),
        ),
      }),
    ),
    adherence: z.array(
      z.object({
        id: z.uuid(),
        clientEntryId: z.uuid(),
        programItemId: z.uuid(),
        programVersion: z.number().int(),
        date: day,
        setsDone: z.number().nullable(),
        repsDone: z.number().nullable(),
        holdSeconds: z.number().nullable(),
        painLevel: z.number().nullable(),
        comment: z.string().nullable(),
        receivedAt: at,
      }),
    ),
    messages: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(messageKinds),
        author: z.enum(messageAuthors),
        authorPractitioner: person.nullable(),
        body: z.string(),
        adherenceEntryId: z.uuid().nullable(),
        correction: z
          .object({ field: z.string().nullable() })
          .nullable()
          .describe('for a correction request: the field the client says is wrong'),
        sentAt: at,
        readAt: at.nullable(),
        readByPractitionerId: z.uuid().nullable(),
      }),
    ),
    outcomes: z.object({
      assignments: z.array(
        z.object({
          id: z.uuid(),
          measureCode: z.string().nullable(),
          customMeasureId: z.uuid().nullable(),
          schedule: z.string(),
          interval: z.number().nullable(),
          activities: z.array(z.string()).nullable(),
          startsAt: at,
          nextDueAt: at.nullable(),
          endedAt: at.nullable(),
          createdAt: at,
        }),
      ),
      responses: z.array(
        z.object({
          id: z.uuid(),
          measureCode: z.string().nullable(),
          customMeasureId: z.uuid().nullable(),
          measureName: z.string().nullable(),
          assignmentId: z.uuid().nullable(),
          source: z.enum(['patient', 'clinic']),
          enteredBy: z.uuid().nullable(),
          answers: z.array(z.number().nullable()),
          activities: z.array(z.string()).nullable(),
          score,
          takenAt: at,
          recordedAt: at,
        }),
      ),
    }),
    alerts: z.array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        details: z.record(z.string(), z.unknown()).nullable(),
        createdAt: at,
        acknowledgedAt: at.nullable(),
        acknowledgedBy: z.uuid().nullable(),
      }),
    ),
    alertRules: z
      .object({
        painAtOrAbove: z.number().nullable(),
        noAdherenceDays: z.number().nullable(),
        scoreWorseByMcid: z.boolean().nullable(),
        updatedAt: at,
      })
      .nullable()
      .describe("The client's own alert rules; null when the practice's apply"),
    reminders: z
      .object({
        times: z.array(z.string()),
        quietStart: z.string().nullable(),
        quietEnd: z.string().nullable(),
        timeZone: z.string(),
        lastSentAt: at.nullable(),
        updatedAt: at,
      })
      .nullable(),
    pushSubscriptions: z.array(z.object({ id: z.uuid(), createdAt: at, lastSentAt: at.nullable() })),
    appSessions: z.array(
      z.object({
        id: z.uuid(),
        userAgent: z.string().nullable(),
        createdAt: at,
        lastSeenAt: at,
        expiresAt: at,
        endedAt: at.nullable(),
      }),
    ),
    appPasskeys: z.array(
      z.object({ id: z.uuid(), userAgent: z.string().nullable(), createdAt: at, lastUsedAt: at.nullable() }),
    ),
    sentNotices: z
      .array(
        z.object({
          channel: z.enum(['email', 'sms']),
          template: z.string(),
          language: z.string(),
          status: z.string(),
          createdAt: at,
          sentAt: at.nullable(),
        }),
      )
      .describe('Mail and text messages sent to the client (their bodies are never stored)'),
    accessLog: z
      .array(
        z.object({
          at,
          action: z.string(),
          actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
          subject: z.object({ type: z.string(), id: z.string() }).nullable(),
          outcome: z.string(),
        }),
      )
      .describe('The audit trail about the client: who opened or changed their record, and when'),
  })
  .describe('Everything Rehabit holds about one client, decrypted (format rehabit-client-export, version 1)');

export type ClientExport = z.infer<typeof clientExportSchema>;
export type ExportFormat = z.infer<typeof exportFormat>;

/** A FHIR R4 Bundle of type collection; its resources are described by the FHIR specification. */
export const fhirBundleSchema = z
  .object({ resourceType: z.literal('Bundle'), type: z.literal('collection') })
  .loose()
  .describe(
    'A FHIR R4 Bundle (collection): Patient, CarePlan, Observation, QuestionnaireResponse, Communication',
  );

import { Readable } from 'node:stream';
import type { Bundle } from '@medplum/fhirtypes';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit, AuditEntry } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { ObjectStorage } from '../../platform/storage/storage.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { requireClient } from '../clients/clients.service.js';
import { listExerciseTexts } from '../exercises/exercises.repo.js';
import { listCustomMeasures } from '../outcomes/outcomes.repo.js';
import { listMembers } from '../practices/members.repo.js';
import { findPracticeById } from '../practices/practices.repo.js';
import type { MemberCaller } from '../practices/practices.service.js';
import { createClientExportReader } from './client-export.js';
import { toFhirBundle } from './export.fhir.js';
import {
  listAllTemplates,
  listClientIds,
  listCustomExercises,
  listPracticeMedia,
  type MediaRow,
} from './export.repo.js';
import type { ClientExport, ExportFormat } from './export.schema.js';
import { mediaPath, writePracticeArchive } from './practice-archive.js';

// Exports for data portability and for leaving the service. Each read of a client's record is audited
// in the transaction that reads it, so an export that failed to read leaves no claim that it happened.

export type ClientExportFile =
  | { format: 'json'; filename: string; body: ClientExport }
  | { format: 'fhir'; filename: string; body: Bundle };

/** The practice's export before it is zipped: small parts read at once, clients read one by one. */
export interface PracticeExport {
  manifest: {
    exportedAt: string;
    practice: { id: string; name: string; region: string; [field: string]: unknown };
    members: unknown[];
    exercises: unknown[];
    templates: unknown[];
    measures: unknown[];
    clientIds: string[];
  };
  media: MediaRow[];
  readClient(clientId: string): Promise<ClientExport>;
}

export interface ExportService {
  client(caller: ClinicalCaller, clientId: string, format: ExportFormat): Promise<ClientExportFile>;
  practice(caller: MemberCaller): Promise<{ filename: string; stream: NodeJS.ReadableStream }>;
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export function createExportService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  storage: ObjectStorage;
  region: string;
}): ExportService {
  const { transactor, audit, clock, storage } = deps;
  const reader = createClientExportReader(deps);

  type Actor = {
    practiceId: string;
    actor: AuditEntry['actor'];
    ip?: string | undefined;
    userAgent?: string | undefined;
  };
  const record = (tx: Tx, caller: Actor, action: string, subject: { type: string; id: string }) =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: caller.actor,
      action,
      subject,
      outcome: 'success',
      ...(caller.ip ? { ip: caller.ip } : {}),
      ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
    });

  /** One client's record, read and audited in one transaction; 404 for another practice's client. */
  const readClient = (caller: Actor, clientId: string) =>
    transactor.inPractice(caller.practiceId, async (tx) => {
      const client = await requireClient(tx, caller.practiceId, clientId);
      await record(tx, caller, 'client.export', { type: 'client', id: client.id });
      return reader.read(tx, client);
    });

  async function manifestOf(tx: Tx, practiceId: string): Promise<Omit<PracticeExport, 'readClient'>> {
    const practice = await findPracticeById(tx, practiceId);
    if (!practice) throw new Error('the caller’s practice was not found');
    const media = await listPracticeMedia(tx, practiceId);
    const exercises = [];
    for (const row of await listCustomExercises(tx, practiceId)) {
      exercises.push({
        id: row.id,
        bodyRegion: row.bodyRegion,
        equipment: row.equipment,
        position: row.position,
        difficulty: row.difficulty,
        contraindications: row.contraindications,
        defaultDosage: row.defaultDosage,
        featuredClientId: row.featuredClientId,
        createdBy: row.createdBy,
        createdAt: iso(row.createdAt),
        updatedAt: iso(row.updatedAt),
        archivedAt: isoOrNull(row.archivedAt),
        texts: await listExerciseTexts(tx, row.id),
        media: media
          .filter((item) => item.exerciseId === row.id)
          .map((item) => ({
            id: item.id,
            kind: item.kind,
            contentType: item.contentType,
            byteSize: item.byteSize,
            featuredClientId: item.featuredClientId,
            createdAt: iso(item.createdAt),
            file: mediaPath(item),
          })),
      });
    }
    return {
      manifest: {
        exportedAt: iso(clock.now()),
        practice: {
          id: practice.id,
          name: practice.name,
          address: practice.address,
          country: practice.country,
          state: practice.state,
          vatId: practice.vatId,
          region: practice.region,
          subscriptionStatus: practice.subscriptionStatus,
          mfaRequired: practice.mfaRequired,
          createdAt: iso(practice.createdAt),
          updatedAt: iso(practice.updatedAt),
        },
        // The members' repo selects safe columns only: whether a factor exists, never the factor.
        members: (await listMembers(tx, practiceId, undefined)).map((member) => ({
          id: member.id,
          email: member.email,
          firstName: member.firstName,
          lastName: member.lastName,
          role: member.role,
          status: member.status,
          totpEnabled: member.hasTotp,
          passkeys: member.passkeys,
          currentSignInAt: isoOrNull(member.currentSignInAt),
          createdAt: iso(member.createdAt),
        })),
        exercises,
        templates: (await listAllTemplates(tx, practiceId)).map((row) => ({
          id: row.id,
          name: row.name,
          description: row.description,
          ownerId: row.ownerId,
          shared: row.shared,
          content: row.content,
          itemNotes: row.itemNotes,
          createdAt: iso(row.createdAt),
          updatedAt: iso(row.updatedAt),
        })),
        measures: (await listCustomMeasures(tx, practiceId, true)).map((row) => ({
          id: row.id,
          name: row.name,
          definition: row.definition,
          createdBy: row.createdBy,
          createdAt: iso(row.createdAt),
          updatedAt: iso(row.updatedAt),
          archivedAt: isoOrNull(row.archivedAt),
        })),
        clientIds: await listClientIds(tx, practiceId),
      },
      media,
    };
  }

  return {
    async client(caller, clientId, format) {
      const data = await readClient(caller, clientId);
      const day = data.exportedAt.slice(0, 10);
      // The file name carries ids only: names would end up in download folders and browser histories.
      return format === 'fhir'
        ? { format, filename: `client-${clientId}-${day}.fhir.json`, body: toFhirBundle(data) }
        : { format, filename: `client-${clientId}-${day}.json`, body: data };
    },

    async practice(caller) {
      const actor: Actor = {
        practiceId: caller.practiceId,
        actor: { type: 'practitioner', id: caller.practitionerId },
        ip: caller.ip,
        userAgent: caller.userAgent,
      };
      const parts = await transactor.inPractice(caller.practiceId, async (tx) => {
        await record(tx, actor, 'practice.export', { type: 'practice', id: caller.practiceId });
        return manifestOf(tx, caller.practiceId);
      });
      // Each client is read in its own short transaction as the download reaches it (the embedded engine
      // has one connection: one long transaction would hold up every other request), and each read is
      // audited as a client export, so the client's own access log shows it.
      const exported: PracticeExport = { ...parts, readClient: (clientId) => readClient(actor, clientId) };
      const stream = writePracticeArchive(exported, (media) =>
        // A zero-length upload has no bytes to open; a range over it would be empty and invalid.
        media.byteSize === 0
          ? Promise.resolve(Readable.from([]))
          : storage.getRange(media.storageKey, 0, media.byteSize - 1),
      );
      return { filename: `rehabit-practice-${parts.manifest.exportedAt.slice(0, 10)}.zip`, stream };
    },
  };
}

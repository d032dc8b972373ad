import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { lockClient, requireClient } from '../clients/clients.service.js';
import { draftFrom, type Language } from './program-content.js';
import { createProgramRecords, type ProgramDraft, type ProgramView } from './program-records.js';
import { contentNotTransferable, noProgram, templateNotFound } from './programs.policy.js';
import { findPreferredLanguage, findProgram, listProgramVersions } from './programs.repo.js';
import type { ProgramInput } from './programs.schema.js';
import { findVisibleTemplate } from './templates.repo.js';

/** A client's program as saved or read, with the client's access code. */
export interface ProgramWithCode {
  program: ProgramView;
  accessCode: string;
}

export interface VersionSummary {
  version: number;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
  itemCount: number;
}

export interface ProgramsService {
  save(
    caller: ClinicalCaller,
    clientId: string,
    input: ProgramInput,
    lang?: Language,
  ): Promise<ProgramWithCode>;
  current(caller: ClinicalCaller, clientId: string, lang?: Language): Promise<ProgramWithCode>;
  versions(caller: ClinicalCaller, clientId: string): Promise<VersionSummary[]>;
  version(caller: ClinicalCaller, clientId: string, version: number, lang?: Language): Promise<ProgramView>;
  rotateAccessCode(caller: ClinicalCaller, clientId: string): Promise<string>;
  copy(
    caller: ClinicalCaller,
    clientId: string,
    toClientId: string,
    lang?: Language,
  ): Promise<ProgramWithCode>;
  fromTemplate(
    caller: ClinicalCaller,
    clientId: string,
    templateId: string,
    lang?: Language,
  ): Promise<ProgramWithCode>;
}

/** The language exercise texts are shown in: the one asked for, else the practitioner's, else English. */
export async function textLanguage(tx: Tx, caller: ClinicalCaller, asked?: Language): Promise<Language> {
  if (asked) return asked;
  return (caller.practitionerId && (await findPreferredLanguage(tx, caller.practitionerId))) || 'en';
}

/** Re-labels the content checks of a copy: the caller sent no items, so "items.0" alone would puzzle them. */
async function transferring<T>(what: 'copy' | 'from_template', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed')
      throw contentNotTransferable(what, error.details);
    throw error;
  }
}

export function createProgramsService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  /** Assigns the outcome measures a saved program lists (the outcomes module's assignments). */
  measures?: {
    assignForProgram(
      tx: Tx,
      caller: ClinicalCaller,
      clientId: string,
      codes: readonly string[],
    ): Promise<void>;
  };
}): ProgramsService {
  const { transactor, audit, cipher, clock, measures } = deps;
  const records = createProgramRecords({ cipher, clock });

  // Program acts are recorded against the client, so the client's access log shows them.
  const record = (tx: Tx, caller: ClinicalCaller, action: string, clientId: string) =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: caller.actor,
      action,
      subject: { type: 'client', id: clientId },
      outcome: 'success',
      ip: caller.ip,
      userAgent: caller.userAgent,
    });

  async function saveAndAnswer(
    tx: Tx,
    caller: ClinicalCaller,
    clientId: string,
    draft: ProgramDraft,
    lang: Language,
  ): Promise<ProgramWithCode> {
    const program = await records.save(tx, caller, clientId, draft, lang);
    await record(tx, caller, 'program.save', clientId);
    await measures?.assignForProgram(tx, caller, clientId, draft.outcomeMeasures);
    return { program, accessCode: await records.accessCodeOf(tx, caller.practiceId, clientId) };
  }

  async function requireCurrent(tx: Tx, caller: ClinicalCaller, clientId: string, lang: Language) {
    await requireClient(tx, caller.practiceId, clientId);
    const program = await records.current(tx, caller.practiceId, clientId, lang);
    if (!program) throw noProgram();
    return program;
  }

  return {
    save: (caller, clientId, input, lang) =>
      transactor.inPractice(caller.practiceId, async (tx) =>
        saveAndAnswer(tx, caller, clientId, input, await textLanguage(tx, caller, lang)),
      ),

    current: (caller, clientId, lang) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const program = await requireCurrent(tx, caller, clientId, await textLanguage(tx, caller, lang));
        await record(tx, caller, 'program.read', clientId);
        return { program, accessCode: await records.accessCodeOf(tx, caller.practiceId, clientId) };
      }),

    versions: (caller, clientId) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        await requireClient(tx, caller.practiceId, clientId);
        const program = await findProgram(tx, caller.practiceId, clientId);
        const rows = program ? await listProgramVersions(tx, caller.practiceId, program.id) : [];
        await record(tx, caller, 'program.list_versions', clientId);
        return rows.map((row) => ({
          version: row.version.version,
          createdAt: row.version.createdAt,
          createdBy:
            row.version.createdBy === null
              ? null
              : {
                  id: row.version.createdBy,
                  name: `${row.creatorFirstName ?? ''} ${row.creatorLastName ?? ''}`.trim(),
                },
          itemCount: row.version.content.items.length,
        }));
      }),

    version: (caller, clientId, version, lang) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        await requireClient(tx, caller.practiceId, clientId);
        const program = await findProgram(tx, caller.practiceId, clientId);
        const found =
          program && (await records.readVersion(tx, program, version, await textLanguage(tx, caller, lang)));
        if (!found) throw notFound('This version of the program was not found.');
        await record(tx, caller, 'program.read_version', clientId);
        return found;
      }),

    rotateAccessCode: (caller, clientId) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        await requireClient(tx, caller.practiceId, clientId);
        const code = await records.rotateAccessCode(tx, caller.practiceId, clientId);
        await record(tx, caller, 'access_code.rotate', clientId);
        return code;
      }),

    copy: (caller, clientId, toClientId, lang) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const language = await textLanguage(tx, caller, lang);
        const source = await requireCurrent(tx, caller, clientId, language);
        await requireClient(tx, caller.practiceId, toClientId);
        if (toClientId === clientId)
          throw validationFailed([{ field: 'toClientId', message: 'Choose another client than this one.' }]);
        await record(tx, caller, 'program.copy', clientId);
        // Item notes are exercise instructions and travel; the program's note is about its client and stays.
        const draft = { ...draftFrom(source.content, source.itemNotes), note: null };
        return transferring('copy', () => saveAndAnswer(tx, caller, toClientId, draft, language));
      }),

    fromTemplate: (caller, clientId, templateId, lang) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const language = await textLanguage(tx, caller, lang);
        // Locked before the current note is read, so a save in between cannot be overwritten with a stale one.
        await lockClient(tx, caller.practiceId, clientId);
        const found = await findVisibleTemplate(tx, caller.practiceId, caller.practitionerId, templateId);
        if (!found) throw templateNotFound();
        const current = await records.current(tx, caller.practiceId, clientId, language);
        // The template replaces the exercises; the note about the client stays with the client.
        const draft = {
          ...draftFrom(found.template.content, found.template.itemNotes),
          note: current?.note ?? null,
        };
        return transferring('from_template', () => saveAndAnswer(tx, caller, clientId, draft, language));
      }),
  };
}

import { randomUUID } from 'node:crypto';
import type { ProgramContent } from '../../db/schema/programs.js';
import type { Tx } from '../../db/transactions.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { lockClient } from '../clients/clients.service.js';
import { ACCESS_CODE_INDEX, generateAccessCode } from './access-codes.js';
import {
  type ContentDraft,
  type Language,
  loadExercises,
  type ProgramExercise,
  resolveContent,
} from './program-content.js';
import {
  findAccessCode,
  findProgram,
  findProgramVersion,
  insertAccessCode,
  insertProgram,
  insertProgramVersion,
  listProgramItemIds,
  moveProgramTo,
  type ProgramRow,
  replaceAccessCode,
} from './programs.repo.js';

// Transaction-level steps of a client's program, shared by the programs, templates and handout services.
// Each runs inside the caller's transaction; none opens one.

/** One version of a client's program, its notes opened and its exercises in one language. */
export interface ProgramView {
  programId: string;
  clientId: string;
  version: number;
  content: ProgramContent;
  note: string | null;
  itemNotes: Record<string, string>;
  exercises: Map<string, ProgramExercise>;
  savedAt: Date;
  savedBy: { id: string; name: string } | null;
}

/** What a save writes: the content as sent or copied, and the program's own note. */
export interface ProgramDraft extends ContentDraft {
  note: string | null;
}

interface StoredNotes {
  note: string | null;
  items: Record<string, string>;
}

const notesAt = (rowId: string) => ({ table: 'program_versions', column: 'notes', rowId });
const codeAt = (rowId: string) => ({ table: 'access_codes', column: 'code', rowId });

export type ProgramRecords = ReturnType<typeof createProgramRecords>;

export function createProgramRecords(deps: { cipher: FieldCipher; clock: Clock }) {
  const { cipher, clock } = deps;
  // Notes and codes are sealed under the client's own key, so erasing the client reaches old backups.
  const ownerOf = (practiceId: string, clientId: string) => ({ practiceId, clientId });

  async function readVersion(
    tx: Tx,
    program: ProgramRow,
    version: number,
    lang: Language,
  ): Promise<ProgramView | undefined> {
    const found = await findProgramVersion(tx, program.practiceId, program.id, version);
    if (!found) return undefined;
    const row = found.version;
    const notes: StoredNotes = row.notes
      ? JSON.parse(
          await cipher.decrypt(tx, ownerOf(program.practiceId, program.clientId), row.notes, notesAt(row.id)),
        )
      : { note: null, items: {} };
    return {
      programId: program.id,
      clientId: program.clientId,
      version: row.version,
      content: row.content,
      note: notes.note,
      itemNotes: notes.items,
      exercises: await loadExercises(
        tx,
        row.content.items.map((item) => item.exerciseId),
        lang,
      ),
      savedAt: row.createdAt,
      savedBy:
        row.createdBy === null
          ? null
          : {
              id: row.createdBy,
              name: `${found.creatorFirstName ?? ''} ${found.creatorLastName ?? ''}`.trim(),
            },
    };
  }

  async function current(tx: Tx, practiceId: string, clientId: string, lang: Language) {
    const program = await findProgram(tx, practiceId, clientId);
    if (!program || program.currentVersion === 0) return undefined;
    return readVersion(tx, program, program.currentVersion, lang);
  }

  async function issueAccessCode(tx: Tx, practiceId: string, clientId: string): Promise<string> {
    const code = generateAccessCode();
    const id = randomUUID();
    // A clash of two random codes (1 in 1.4e14 per pair) fails the unique index rather than sharing a code.
    await insertAccessCode(tx, {
      id,
      practiceId,
      clientId,
      code: await cipher.encrypt(tx, ownerOf(practiceId, clientId), code, codeAt(id)),
      codeIndex: cipher.blindIndex(ACCESS_CODE_INDEX, code),
      createdAt: clock.now(),
    });
    return code;
  }

  return {
    readVersion,
    current,

    /** The client's access code, issued on first need: one per client, kept across program versions. */
    async accessCodeOf(tx: Tx, practiceId: string, clientId: string): Promise<string> {
      const row = await findAccessCode(tx, practiceId, clientId);
      if (!row) return issueAccessCode(tx, practiceId, clientId);
      return cipher.decrypt(tx, ownerOf(practiceId, clientId), row.code, codeAt(row.id));
    },

    /** A new code in place of the old one, whose blind index is overwritten: it stops resolving. */
    async rotateAccessCode(tx: Tx, practiceId: string, clientId: string): Promise<string> {
      const row = await findAccessCode(tx, practiceId, clientId);
      if (!row) return issueAccessCode(tx, practiceId, clientId);
      const code = generateAccessCode();
      await replaceAccessCode(tx, row.id, {
        code: await cipher.encrypt(tx, ownerOf(practiceId, clientId), code, codeAt(row.id)),
        codeIndex: cipher.blindIndex(ACCESS_CODE_INDEX, code),
        rotatedAt: clock.now(),
      });
      return code;
    },

    /**
     * Saves the draft as the client's next version (the first creates the program). The client's row is
     * locked first, so two saves for one client queue instead of racing for the version number.
     */
    async save(
      tx: Tx,
      actor: { practiceId: string; practitionerId: string | null },
      clientId: string,
      draft: ProgramDraft,
      lang: Language,
    ): Promise<ProgramView> {
      const { practiceId } = actor;
      await lockClient(tx, practiceId, clientId);
      const now = clock.now();
      const program =
        (await findProgram(tx, practiceId, clientId)) ??
        (await insertProgram(tx, { id: randomUUID(), practiceId, clientId, createdAt: now, updatedAt: now }));
      const previous =
        program.currentVersion > 0
          ? await findProgramVersion(tx, practiceId, program.id, program.currentVersion)
          : undefined;
      const { content, itemNotes } = await resolveContent(tx, practiceId, draft, {
        knownItemIds: await listProgramItemIds(tx, practiceId, program.id),
        currentExerciseIds: new Set(previous?.version.content.items.map((item) => item.exerciseId)),
        clientId,
      });
      const id = randomUUID();
      const version = program.currentVersion + 1;
      const hasNotes = draft.note !== null || Object.keys(itemNotes).length > 0;
      const notes: StoredNotes = { note: draft.note, items: itemNotes };
      await insertProgramVersion(tx, {
        id,
        practiceId,
        programId: program.id,
        version,
        content,
        notes: hasNotes
          ? await cipher.encrypt(tx, ownerOf(practiceId, clientId), JSON.stringify(notes), notesAt(id))
          : null,
        createdBy: actor.practitionerId,
        createdAt: now,
      });
      await moveProgramTo(tx, program.id, version, now);
      const saved = await readVersion(tx, { ...program, currentVersion: version }, version, lang);
      if (!saved) throw new Error('a saved program version was not found');
      return saved;
    },
  };
}

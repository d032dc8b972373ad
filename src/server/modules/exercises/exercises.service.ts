import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import { type FieldProblem, notFound, validationFailed } from '../../platform/errors.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { clientNamesIn, requireClient } from '../clients/clients.service.js';
import type { Language } from '../library/exercise-tags.js';
import { type ExerciseText, writeExerciseTexts } from '../library/exercise-texts.js';
import { refreshExerciseSearch } from '../library/search-rows.js';
import {
  clientNameInExercise,
  libraryReadOnly,
  recordExerciseAct,
  requireAuthor,
} from './exercises.policy.js';
import type { ExerciseRecord } from './exercises.presenter.js';
import {
  type ExerciseChanges,
  type ExerciseRow,
  type ExerciseTextRow,
  findVisibleExercise,
  insertExercise,
  listExerciseTexts,
  listMedia,
  updateExercise,
} from './exercises.repo.js';
import type { CreateExerciseInput, ExerciseTextInput, UpdateExerciseInput } from './exercises.schema.js';
import { createNameGuard } from './name-guard.js';

export interface ExercisesService {
  /** A custom exercise of the caller's practice; 422 client_name_in_exercise when its text names a client. */
  create(caller: ClinicalCaller, input: CreateExerciseInput): Promise<ExerciseRecord>;
  /** Changes a custom exercise; library exercises are read-only (403 library_read_only). */
  update(caller: ClinicalCaller, id: string, input: UpdateExerciseInput): Promise<ExerciseRecord>;
  /** Archives a custom exercise: it leaves search, and programs that hold it keep showing it. */
  archive(caller: ClinicalCaller, id: string): Promise<void>;
}

type Texts = Partial<Record<Language, ExerciseText>>;

const textOf = (input: ExerciseTextInput): ExerciseText => ({
  title: input.title,
  description: input.description,
  instructions: input.instructions,
  keywords: input.keywords ?? [],
});

/** The answer's fields a text was given under: the main text's are top-level, a translation's nested. */
const fieldOf = (language: Language, main: Language, field: 'title' | 'description' | 'instructions') =>
  language === main ? field : `translations.${language}.${field}`;

export function createExercisesService(deps: {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
}): ExercisesService {
  const { transactor, audit, clock } = deps;

  async function guardNames(tx: Tx, practiceId: string, texts: Texts, main: Language) {
    const guard = createNameGuard(await clientNamesIn(tx, practiceId));
    const named: string[] = [];
    for (const [language, text] of Object.entries(texts) as [Language, ExerciseText][]) {
      if (guard.mentionsAName(text.title)) named.push(fieldOf(language, main, 'title'));
      if (guard.mentionsAName(text.description)) named.push(fieldOf(language, main, 'description'));
    }
    if (named.length > 0) throw clientNameInExercise(named);
  }

  async function record(tx: Tx, practiceId: string, row: ExerciseRow): Promise<ExerciseRecord> {
    return {
      row,
      texts: await listExerciseTexts(tx, row.id),
      media: await listMedia(tx, practiceId, row.id),
    };
  }

  /** The practice's own exercise, still in use, or 404; a library exercise is 403. */
  async function ownExercise(tx: Tx, practiceId: string, id: string): Promise<ExerciseRow> {
    const row = await findVisibleExercise(tx, practiceId, id);
    if (!row || row.archivedAt) throw notFound('This exercise was not found.');
    if (row.practiceId === null) throw libraryReadOnly();
    return row;
  }

  return {
    async create(caller, input) {
      const author = requireAuthor(caller);
      const texts: Texts = { [input.language]: textOf(input) };
      for (const [language, text] of Object.entries(input.translations ?? {}) as [
        Language,
        ExerciseTextInput,
      ][])
        texts[language] = textOf(text);
      return transactor.inPractice(caller.practiceId, async (tx) => {
        await guardNames(tx, caller.practiceId, texts, input.language);
        const featuredClientId = input.featuredClientId ?? null;
        if (featuredClientId) await requireClient(tx, caller.practiceId, featuredClientId);
        const now = clock.now();
        const row = await insertExercise(tx, {
          id: randomUUID(),
          practiceId: caller.practiceId,
          bodyRegion: input.bodyRegion,
          equipment: input.equipment,
          position: input.position,
          difficulty: input.difficulty,
          contraindications: input.contraindications,
          defaultDosage: input.defaultDosage,
          featuredClientId,
          createdBy: author.practitionerId,
          createdAt: now,
          updatedAt: now,
        });
        await writeExerciseTexts(tx, { exerciseId: row.id, practiceId: caller.practiceId, texts });
        await recordExerciseAct(audit, tx, caller, 'exercise.create', { type: 'exercise', id: row.id }, [
          featuredClientId,
        ]);
        return record(tx, caller.practiceId, row);
      });
    },

    async update(caller, id, input) {
      requireAuthor(caller);
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const current = await ownExercise(tx, caller.practiceId, id);
        const existing = await listExerciseTexts(tx, id);
        // Without a language, an edit is to the text the exercise is shown in: English, else its only one.
        const language =
          input.language ?? (existing.some((text) => text.language === 'en') ? 'en' : existing[0]?.language);
        const texts = changedTexts(existing, language ?? 'en', input);
        await guardNames(tx, caller.practiceId, texts, language ?? 'en');
        if (input.featuredClientId) await requireClient(tx, caller.practiceId, input.featuredClientId);
        const changes: ExerciseChanges = { updatedAt: clock.now() };
        for (const field of [
          'bodyRegion',
          'equipment',
          'position',
          'difficulty',
          'contraindications',
          'defaultDosage',
          'featuredClientId',
        ] as const) {
          if (input[field] !== undefined) Object.assign(changes, { [field]: input[field] });
        }
        const row = await updateExercise(tx, caller.practiceId, id, changes);
        // Writing texts rewrites the search rows too; otherwise the filters may have changed.
        if (Object.keys(texts).length > 0)
          await writeExerciseTexts(tx, { exerciseId: id, practiceId: caller.practiceId, texts });
        else await refreshExerciseSearch(tx, [id]);
        await recordExerciseAct(audit, tx, caller, 'exercise.update', { type: 'exercise', id }, [
          current.featuredClientId,
          row.featuredClientId,
        ]);
        return record(tx, caller.practiceId, row);
      });
    },

    async archive(caller, id) {
      requireAuthor(caller);
      await transactor.inPractice(caller.practiceId, async (tx) => {
        const current = await ownExercise(tx, caller.practiceId, id);
        await updateExercise(tx, caller.practiceId, id, { archivedAt: clock.now(), updatedAt: clock.now() });
        await refreshExerciseSearch(tx, [id]);
        await recordExerciseAct(audit, tx, caller, 'exercise.archive', { type: 'exercise', id }, [
          current.featuredClientId,
        ]);
      });
    },
  };
}

/**
 * The texts an edit writes: the main language merged into what it had (a language it lacks must be
 * given whole), translations replaced as they come.
 */
function changedTexts(existing: ExerciseTextRow[], language: Language, input: UpdateExerciseInput): Texts {
  const texts: Texts = {};
  const { title, description, instructions, keywords } = input;
  const mainGiven =
    title !== undefined || description !== undefined || instructions !== undefined || keywords !== undefined;
  // Only a clash when the main text is really given: a lone translation simply replaces that language.
  if (input.translations?.[language] && (mainGiven || input.language !== undefined))
    throw validationFailed([
      {
        field: 'translations',
        message: 'The text in this language is given above; leave it out of translations.',
      },
    ]);
  if (mainGiven) {
    const current = existing.find((text) => text.language === language);
    const merged = {
      title: title ?? current?.title,
      description: description ?? current?.description,
      instructions: instructions ?? current?.instructions,
      keywords: keywords ?? current?.keywords ?? [],
    };
    const missing: FieldProblem[] = (['title', 'description', 'instructions'] as const)
      .filter((field) => merged[field] === undefined)
      .map((field) => ({ field, message: 'The exercise has no text in this language yet: give it whole.' }));
    if (missing.length > 0) throw validationFailed(missing);
    texts[language] = merged as ExerciseText;
  }
  for (const [other, text] of Object.entries(input.translations ?? {}) as [Language, ExerciseTextInput][])
    texts[other] = textOf(text);
  return texts;
}

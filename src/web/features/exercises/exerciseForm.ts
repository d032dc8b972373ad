import type { Exercise, Side } from '../library/libraryApi.js';

export type TextLanguage = 'en' | 'de';
export const textLanguages: readonly TextLanguage[] = ['en', 'de'];

/** An exercise's words in one language, as typed. */
export interface ExerciseTexts {
  title: string;
  description: string;
  instructions: string[];
  keywords: string[];
}

export const dosageNumbers = [
  'sets',
  'reps',
  'holdSeconds',
  'restSeconds',
  'timesPerDay',
  'daysPerWeek',
] as const;
export type DosageNumber = (typeof dosageNumbers)[number];

/** What the exercise form holds. */
export interface ExerciseFormValues {
  /** The languages the exercise has texts in; the first is its main language. */
  languages: TextLanguage[];
  texts: Record<TextLanguage, ExerciseTexts>;
  bodyRegion: string;
  equipment: string[];
  position: string;
  difficulty: string;
  contraindications: string[];
  dosage: Record<DosageNumber, string> & { side: Side | ''; load: string };
}

const emptyTexts = (): ExerciseTexts => ({ title: '', description: '', instructions: [''], keywords: [] });

export function emptyExerciseValues(language: TextLanguage): ExerciseFormValues {
  return {
    languages: [language],
    texts: { en: emptyTexts(), de: emptyTexts() },
    bodyRegion: 'general',
    equipment: ['none'],
    position: 'standing',
    difficulty: 'easy',
    contraindications: [],
    dosage: {
      sets: '3',
      reps: '10',
      holdSeconds: '',
      restSeconds: '',
      timesPerDay: '1',
      daysPerWeek: '7',
      side: '',
      load: '',
    },
  };
}

const textOf = (value: number | null | undefined) => (value == null ? '' : String(value));

/** The form's values from the exercise as read in each of its languages. */
export function exerciseValues(byLanguage: Partial<Record<TextLanguage, Exercise>>): ExerciseFormValues {
  const main = byLanguage.en?.language === 'en' ? byLanguage.en : (byLanguage.de ?? byLanguage.en);
  if (!main) throw new Error('exerciseValues needs the exercise in at least one language');
  const languages = textLanguages.filter(
    (lang) => main.languages.includes(lang) && byLanguage[lang]?.language === lang,
  );
  const texts = { en: emptyTexts(), de: emptyTexts() };
  for (const lang of languages) {
    const exercise = byLanguage[lang];
    if (exercise)
      texts[lang] = {
        title: exercise.title,
        description: exercise.description,
        instructions: exercise.instructions.length > 0 ? [...exercise.instructions] : [''],
        keywords: [...exercise.keywords],
      };
  }
  const dosage = main.defaultDosage;
  return {
    languages: languages.length > 0 ? languages : [main.language],
    texts,
    bodyRegion: main.bodyRegion,
    equipment: [...main.equipment],
    position: main.position,
    difficulty: main.difficulty,
    contraindications: [...main.contraindications],
    dosage: {
      sets: textOf(dosage.sets),
      reps: textOf(dosage.reps),
      holdSeconds: textOf(dosage.holdSeconds),
      restSeconds: textOf(dosage.restSeconds),
      timesPerDay: textOf(dosage.timesPerDay),
      daysPerWeek: textOf(dosage.daysPerWeek),
      side: dosage.side ?? '',
      load: dosage.load ?? '',
    },
  };
}

/** A number field: empty is null; anything else is sent as typed when it is not a number, for the server to name. */
export function numberOrNull(text: string): number | null | string {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function textsBody(texts: ExerciseTexts) {
  return {
    title: texts.title,
    description: texts.description,
    // Blank steps are the form's spare rows, not instructions.
    instructions: texts.instructions.filter((step) => step.trim() !== ''),
    keywords: texts.keywords,
  };
}

/** Where the server reports a problem with a language's texts: the main one at the top, others under translations. */
export function textFieldPrefix(values: ExerciseFormValues, language: TextLanguage): string {
  return values.languages[0] === language ? '' : `translations.${language}.`;
}

/** The body of POST /api/v1/exercises (and PATCH, which takes the same fields). */
export function exerciseBody(values: ExerciseFormValues): Record<string, unknown> {
  const [main = 'en', ...others] = values.languages;
  const dosage: Record<string, unknown> = {};
  for (const name of dosageNumbers) dosage[name] = numberOrNull(values.dosage[name]);
  dosage.side = values.dosage.side === '' ? null : values.dosage.side;
  dosage.load = values.dosage.load.trim() === '' ? null : values.dosage.load.trim();
  const body: Record<string, unknown> = {
    ...textsBody(values.texts[main]),
    language: main,
    bodyRegion: values.bodyRegion,
    equipment: values.equipment,
    position: values.position,
    difficulty: values.difficulty,
    contraindications: values.contraindications,
    defaultDosage: dosage,
  };
  if (others.length > 0)
    body.translations = Object.fromEntries(others.map((lang) => [lang, textsBody(values.texts[lang])]));
  return body;
}

/** Keeps "none" apart from real equipment: choosing a piece removes "none", choosing "none" clears the rest. */
export function nextEquipment(previous: string[], chosen: string[]): string[] {
  const added = chosen.filter((item) => !previous.includes(item));
  if (added.includes('none')) return ['none'];
  const withoutNone = chosen.filter((item) => item !== 'none');
  return withoutNone.length > 0 ? withoutNone : ['none'];
}

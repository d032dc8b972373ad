import type { Dosage } from '../../db/schema/index.js';
import type { Language } from './program-content.js';

// The handout's words in each language the app speaks. The server renders the PDF, so they live here
// rather than in the web app's i18n resources.

interface HandoutLabels {
  documentTitle: string;
  heading: string;
  preparedFor(firstName: string): string;
  sets(n: number): string;
  reps(n: number): string;
  hold(seconds: number): string;
  rest(seconds: number): string;
  load(load: string): string;
  side: Record<NonNullable<Dosage['side']>, string>;
  timesPerDay(n: number): string;
  daysPerWeek(n: number): string;
  note: string;
  education: string;
  accessCode: string;
  appHint(url: string): string;
  filename: string;
}

export const HANDOUT_LABELS: Record<Language, HandoutLabels> = {
  en: {
    documentTitle: 'Home exercise program',
    heading: 'Your home exercise program',
    preparedFor: (firstName) => `Prepared for ${firstName}`,
    sets: (n) => (n === 1 ? '1 set' : `${n} sets`),
    reps: (n) => (n === 1 ? '1 repetition' : `${n} repetitions`),
    hold: (seconds) => `hold ${seconds} s`,
    rest: (seconds) => `rest ${seconds} s`,
    load: (load) => `load: ${load}`,
    side: { both: 'both sides', left: 'left side', right: 'right side', alternate: 'alternate sides' },
    timesPerDay: (n) => (n === 1 ? 'once a day' : `${n} times a day`),
    daysPerWeek: (n) => (n === 7 ? 'every day' : `${n} days a week`),
    note: 'Note',
    education: 'Read more',
    accessCode: 'Your access code',
    appHint: (url) => `Open ${url} on your phone, or scan the code, and enter your access code.`,
    filename: 'home-exercise-program.pdf',
  },
  de: {
    documentTitle: 'Heimübungsprogramm',
    heading: 'Ihr Heimübungsprogramm',
    preparedFor: (firstName) => `Für ${firstName}`,
    sets: (n) => (n === 1 ? '1 Satz' : `${n} Sätze`),
    reps: (n) => (n === 1 ? '1 Wiederholung' : `${n} Wiederholungen`),
    hold: (seconds) => `${seconds} s halten`,
    rest: (seconds) => `${seconds} s Pause`,
    load: (load) => `Belastung: ${load}`,
    side: { both: 'beide Seiten', left: 'linke Seite', right: 'rechte Seite', alternate: 'abwechselnd' },
    timesPerDay: (n) => (n === 1 ? 'einmal täglich' : `${n}-mal täglich`),
    daysPerWeek: (n) => (n === 7 ? 'jeden Tag' : `an ${n} Tagen pro Woche`),
    note: 'Hinweis',
    education: 'Zum Nachlesen',
    accessCode: 'Ihr Zugangscode',
    appHint: (url) =>
      `Öffnen Sie ${url} auf Ihrem Smartphone oder scannen Sie den Code und geben Sie Ihren Zugangscode ein.`,
    filename: 'heimuebungsprogramm.pdf',
  },
};

/** The dosage as one line a patient reads: "3 sets · 10 repetitions · hold 5 s · once a day · every day". */
export function dosageLine(dosage: Dosage, lang: Language): string {
  const labels = HANDOUT_LABELS[lang];
  const parts: string[] = [];
  if (dosage.sets !== null) parts.push(labels.sets(dosage.sets));
  if (dosage.reps !== null) parts.push(labels.reps(dosage.reps));
  if (dosage.holdSeconds !== null) parts.push(labels.hold(dosage.holdSeconds));
  if (dosage.restSeconds !== null) parts.push(labels.rest(dosage.restSeconds));
  if (dosage.side !== null) parts.push(labels.side[dosage.side]);
  if (dosage.load) parts.push(labels.load(dosage.load));
  if (dosage.timesPerDay !== null) parts.push(labels.timesPerDay(dosage.timesPerDay));
  if (dosage.daysPerWeek !== null) parts.push(labels.daysPerWeek(dosage.daysPerWeek));
  return parts.join(' · ');
}

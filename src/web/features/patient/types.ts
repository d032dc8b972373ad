// The patient API's answers (API.md, "Patient app"; the server's patient-program.schema.ts).

export type Side = 'left' | 'right' | 'both' | 'alternate';

export interface PatientMedia {
  id: string;
  kind: 'image' | 'video';
  contentType: string;
  byteSize: number;
}

export interface DueState {
  doneToday: number;
  remainingToday: number;
  daysDoneThisWeek: number;
  due: boolean;
}

export interface PatientExercise {
  id: string;
  language: 'en' | 'de';
  title: string;
  description: string;
  instructions: string[];
  bodyRegion: string;
  equipment: string[];
  position: string;
  media: PatientMedia[];
}

export interface PatientProgramItem {
  id: string;
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  timesPerDay: number | null;
  daysPerWeek: number | null;
  side: Side | null;
  load: string | null;
  notes: string | null;
  exercise: PatientExercise;
  today: DueState;
}

export interface EducationArticle {
  id: string;
  language: 'en' | 'de';
  title: string;
  summary: string;
  body: string;
  readingMinutes: number;
}

export interface PatientProgram {
  /** The day the counts in `today` refer to. */
  date: string;
  client: { firstName: string };
  program: null | {
    version: number;
    updatedAt: string;
    note: string | null;
    items: PatientProgramItem[];
    education: EducationArticle[];
  };
}

export interface PatientMe {
  client: { firstName: string; language: 'en' | 'de' };
  expiresAt: string;
}

export interface PatientSession {
  token: string;
  expiresAt: string;
  client: { firstName: string };
}

/** What the app sends for one logged exercise (POST /api/v1/patient/adherence). */
export interface AdherenceEntryBody {
  clientEntryId: string;
  programItemId: string;
  date: string;
  setsDone: number | null;
  repsDone: number | null;
  holdSeconds: number | null;
  painLevel: number | null;
  comment: string | null;
}

/** A stored entry, as the server answers it. */
export interface AdherenceEntry extends AdherenceEntryBody {
  id: string;
  programVersion: number;
  receivedAt: string;
}

export interface Region {
  code: string;
  name: string;
  url: string;
}

export interface Regions {
  current: string;
  regions: Region[];
}

/** Local 'HH:MM' times at which reminders stop (start) and resume (end); may run past midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

/** GET and PUT /api/v1/patient/reminders. */
export interface ReminderSettings {
  times: string[];
  quietHours: QuietHours | null;
  timeZone: string | null;
  /** How many devices of the client receive reminders by push. */
  devices: number;
}

export interface ReminderSettingsBody {
  times: string[];
  quietHours: QuietHours | null;
  timeZone: string;
}

import { getSession } from '../session.js';

// Partial answers stay on this phone only, so closing the app and coming back continues where the
// client stopped; the server receives a questionnaire only when it is complete. A draft belongs to
// the signed-in session (by a fingerprint of its token, not the token itself): the next person
// signing in on a shared phone never sees it. Submitting and signing out delete it.

const PREFIX = 'rehabit.patient.questionnaire.';

/** What is kept of an unfinished questionnaire. */
export interface Draft {
  values: (number | null)[];
  step: number;
}

interface Stored extends Draft {
  session: string;
}

/** A short FNV-1a fingerprint: tells sessions apart without storing the token twice. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

const keyOf = (assignmentId: string) => `${PREFIX}${assignmentId}`;

/** Where drafts are kept and whose they are; the phone's storage and the signed-in session by default. */
export interface DraftPlace {
  storage?: Storage;
  session?: string | undefined;
}

function placeOf(place: DraftPlace) {
  const token = getSession()?.token;
  return {
    storage: place.storage ?? window.localStorage,
    session: 'session' in place ? place.session : token ? fingerprint(token) : undefined,
  };
}

/** The draft of an assignment kept by this session, if any. */
export function loadDraft(assignmentId: string, place: DraftPlace = {}): Draft | undefined {
  try {
    const { storage, session } = placeOf(place);
    const raw = storage.getItem(keyOf(assignmentId));
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as Partial<Stored>;
    if (!session || stored.session !== session || !Array.isArray(stored.values)) return undefined;
    const values = stored.values.map((value) => (typeof value === 'number' ? value : null));
    return { values, step: typeof stored.step === 'number' ? stored.step : 0 };
  } catch {
    return undefined;
  }
}

export function saveDraft(assignmentId: string, draft: Draft, place: DraftPlace = {}): void {
  try {
    const { storage, session } = placeOf(place);
    if (!session) return;
    storage.setItem(keyOf(assignmentId), JSON.stringify({ ...draft, session } satisfies Stored));
  } catch {
    // Storage refused (private mode, full): the answers still live while the screen is open.
  }
}

export function clearDraft(assignmentId: string, place: DraftPlace = {}): void {
  try {
    placeOf(place).storage.removeItem(keyOf(assignmentId));
  } catch {
    // See saveDraft.
  }
}

/** Deletes every questionnaire draft on this phone (sign-out). */
export function clearAllDrafts(place: DraftPlace = {}): void {
  try {
    const { storage } = placeOf(place);
    const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index));
    for (const key of keys) if (key?.startsWith(PREFIX)) storage.removeItem(key);
  } catch {
    // See saveDraft.
  }
}

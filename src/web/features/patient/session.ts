import { useSyncExternalStore } from 'react';

// The patient's bearer token lives in localStorage: it must survive closing the app (that is the
// point of signing in once), it is not a cookie (no CSRF surface), and reading it is synchronous,
// so the first render already knows whether to show the sign-in or today's program.

const STORAGE_KEY = 'rehabit.patient.session';

export interface StoredSession {
  token: string;
  expiresAt: string;
  firstName: string;
}

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): StoredSession | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'string') return null;
    // An expired token would only earn a 401; treat it as signed out straight away.
    if (Date.parse(parsed.expiresAt) <= Date.now()) return null;
    return { token: parsed.token, expiresAt: parsed.expiresAt, firstName: parsed.firstName ?? '' };
  } catch {
    return null;
  }
}

let current: StoredSession | null = typeof window === 'undefined' ? null : read();

function emit(next: StoredSession | null): void {
  current = next;
  for (const listener of listeners) listener();
}

/** The signed-in session, or null. */
export function getSession(): StoredSession | null {
  return current;
}

/** Remembers a new session (after a sign-in). */
export function saveSession(session: StoredSession): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage refused (private mode): the session still works until the app is closed.
  }
  emit(session);
}

/** Forgets the session (signed out, or the server no longer knows the token). */
export function clearSession(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // See saveSession.
  }
  emit(null);
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current session; re-renders on sign-in and sign-out. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

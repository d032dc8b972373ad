import { getSession } from './session.js';

// Names of the service worker's caches of personal data (src/web/public/app/sw.js uses the same).
// The app shell's cache holds nothing personal and survives a sign-out.
const DATA_CACHE = 'rehabit-patient-data';
const MEDIA_CACHE = 'rehabit-patient-media';

/** The address of a program's image or video. */
export const mediaUrl = (id: string) => `/api/v1/patient/media/${id}`;

/** Deletes the offline copies of the program, history and media (sign-in and sign-out). */
export async function clearOfflineData(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await Promise.all([caches.delete(DATA_CACHE), caches.delete(MEDIA_CACHE)]).catch(() => undefined);
}

/**
 * Downloads the program's images and videos the service worker has not cached yet, so they show
 * offline even if they were never opened. Skipped without a service worker (nothing would keep
 * them) and when the person asked their browser to save data.
 */
export async function prefetchMedia(ids: string[]): Promise<void> {
  const session = getSession();
  const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData;
  if (!session || saveData || typeof caches === 'undefined' || !navigator.serviceWorker?.controller) return;
  const cache = await caches.open(MEDIA_CACHE);
  for (const id of ids) {
    if (await cache.match(mediaUrl(id))) continue;
    try {
      // The service worker answers this request and keeps a copy on the way.
      const response = await fetch(mediaUrl(id), { headers: { authorization: `Bearer ${session.token}` } });
      await response.arrayBuffer();
    } catch {
      return; // Offline again: the next program load tries the rest.
    }
  }
}

/** Fetches an image or video with the bearer token (an <img src> cannot send one) as a blob. */
export async function fetchMediaBlob(id: string, signal?: AbortSignal): Promise<Blob> {
  const session = getSession();
  const response = await fetch(mediaUrl(id), {
    headers: session ? { authorization: `Bearer ${session.token}` } : {},
    signal,
  });
  if (!response.ok) throw new Error(`media ${id}: ${response.status}`);
  return response.blob();
}

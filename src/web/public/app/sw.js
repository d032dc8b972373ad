// The patient app's service worker: the app opens, shows the program and its media, and takes logs
// without a network. Hand-written and small on purpose; the build writes sw-precache.js beside it
// (src/web/patient/precache-plugin.ts) with the app's file list, and a new list installs a new worker.
//
// Caches:
// - shell (per version): the built files and the static shell, nothing personal;
// - data: the last program, /me and history answers, served only when the network fails;
// - media: the program's images and videos, by id (stored media never change).
// The app deletes data and media on sign-in and sign-out (src/web/features/patient/offlineData.ts).
//
// It also shows the reminders the server pushes (src/server/modules/reminders): one notification at a
// time, replaced by the next, and a tap brings the app to the front.

importScripts('/app/sw-precache.js');

const { version, urls } = self.REHABIT_PRECACHE;
const SHELL_CACHE = `rehabit-shell-${version}`;
const DATA_CACHE = 'rehabit-patient-data';
const MEDIA_CACHE = 'rehabit-patient-media';
const OFFLINE_HEADER = 'x-rehabit-offline';
/** How long to wait for the network before answering from the copy (slow, not dead, networks). */
const NETWORK_TIMEOUT_MS = 6000;
/** One tag for all reminders: a new one replaces the last instead of piling up on the lock screen. */
const REMINDER_TAG = 'rehabit-reminder';
const REMINDER_ICON = '/app/icons/icon-192.png';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // `cache: 'reload'` skips the HTTP cache, so a stale page never lands in a new version.
      await cache.addAll(urls.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith('rehabit-shell-') && name !== SHELL_CACHE)
          .map((name) => caches.delete(name)),
      );
      // Control the page that registered us at once: its first visit should already work offline.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    if (url.pathname === '/app' || url.pathname.startsWith('/app/')) event.respondWith(page(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/app/')) {
    event.respondWith(shellFile(request));
    return;
  }
  if (url.pathname.startsWith('/api/v1/patient/media/')) {
    // A range request comes from a <video> playing a URL directly; the app uses blobs, so pass it on.
    if (!request.headers.has('range')) event.respondWith(media(request));
    return;
  }
  if (
    url.pathname === '/api/v1/patient/program' ||
    url.pathname === '/api/v1/patient/me' ||
    url.pathname === '/api/v1/patient/adherence'
  ) {
    // One copy of the program whatever its date: offline on a new day, yesterday's program still
    // shows (the app recomputes what is due); history keeps a copy per month asked for.
    const key = url.pathname === '/api/v1/patient/adherence' ? url.pathname + url.search : url.pathname;
    event.respondWith(networkFirst(request, key));
  }
});

self.addEventListener('push', (event) => {
  const reminder = reminderOf(event.data);
  // userVisibleOnly: every push must show a notification, even one whose payload we cannot read.
  event.waitUntil(
    self.registration.showNotification(reminder.title, {
      body: reminder.body,
      icon: REMINDER_ICON,
      badge: REMINDER_ICON,
      tag: REMINDER_TAG,
      // A replaced reminder still alerts: it is a new reminder, not an update of the old one.
      renotify: true,
      data: { url: reminder.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = appUrl(event.notification.data?.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      // An open app keeps its screen (perhaps a half-filled log): bring it forward, do not navigate it.
      const open = windows.find((client) => new URL(client.url).pathname.startsWith('/app/'));
      if (open) return open.focus();
      return self.clients.openWindow(url);
    })(),
  );
});

/** Title, body and link of a pushed reminder ({title, body, url} as JSON), with safe defaults. */
function reminderOf(data) {
  let payload = {};
  try {
    payload = data?.json() ?? {};
  } catch {
    payload = {};
  }
  const text = (value, fallback) => (typeof value === 'string' && value.trim() !== '' ? value : fallback);
  return {
    title: text(payload.title, 'Rehabit'),
    body: text(payload.body, ''),
    url: appUrl(payload.url),
  };
}

/** A link inside the app, or the app's start page: a push must not open some other site. */
function appUrl(value) {
  try {
    const url = new URL(typeof value === 'string' ? value : '/app/', self.location.origin);
    if (url.origin === self.location.origin && url.pathname.startsWith('/app/')) return url.href;
  } catch {
    // Not a URL at all: the start page below.
  }
  return new URL('/app/', self.location.origin).href;
}

/** Pages: the network (a release shows at once), else the cached app page. */
async function page(request) {
  try {
    return await withTimeout(fetch(request));
  } catch {
    const cached = await caches.match('/app/', { cacheName: SHELL_CACHE });
    return cached ?? Response.error();
  }
}

/** Built files never change under their name: the cache first, else the network (and keep it). */
async function shellFile(request) {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) {
    const copy = response.clone();
    caches.open(SHELL_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

/** Images and videos: the copy first (an id's bytes never change), else the network (and keep it). */
async function media(request) {
  const cache = await caches.open(MEDIA_CACHE);
  const key = new URL(request.url).pathname;
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.status === 200) await cache.put(key, response.clone());
  return response;
}

/** Personal data: always the network when it answers; its copy (marked as such) when it does not. */
async function networkFirst(request, key) {
  const cache = await caches.open(DATA_CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.status === 200) await cache.put(key, response.clone());
    // The token is no longer valid: its copies must not outlive it.
    if (response.status === 401) await cache.delete(key);
    return response;
  });
  try {
    return await withTimeout(network);
  } catch {
    const cached = await cache.match(key);
    if (!cached) return network; // Nothing saved: let the page see the real failure.
    const headers = new Headers(cached.headers);
    headers.set(OFFLINE_HEADER, '1');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

function withTimeout(promise) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('network timeout')), NETWORK_TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

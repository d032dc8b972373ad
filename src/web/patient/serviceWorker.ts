/**
 * Registers the offline service worker (public/app/sw.js) once the page has loaded, so its precache
 * downloads never compete with the first render. Only in builds: the dev server has no precache list.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => {
      // Without a service worker the app still works online; nothing to tell the person.
    });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

/** Pages a signed-in practitioner has no reason to be sent back to. */
const publicPaths = [
  '/sign-in',
  '/sign-up',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/invitation',
];

/**
 * Where to go after signing in: the `next` parameter when it is a path on this origin, else home.
 * Anything else (`//evil.example`, `https://…`, `/\evil`) is ignored, so a crafted link cannot send
 * a freshly signed-in user to another site.
 */
export function safeNextPath(next: string | null | undefined, origin = window.location.origin): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  if (publicPaths.includes(url.pathname)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in address that brings the user back to `path` afterwards. */
export function signInPathFor(path: string): string {
  return path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
}

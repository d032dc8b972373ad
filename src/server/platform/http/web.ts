import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.js';

// src/server/platform/http and dist/server/platform/http sit at the same depth below the project.
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../../dist/web/', import.meta.url));

const PATIENT_APP = '/app';

/**
 * Serves the built workspace at / and the patient app at /app/. Unknown page paths get their app's
 * index.html so client-side routes survive a reload; unknown API paths get a JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, options: { webRoot: string }): Promise<void> {
  const built = existsSync(path.join(options.webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: options.webRoot,
      wildcard: false,
      index: ['index.html'],
      setHeaders: (reply, filePath) => {
        // Hashed asset names never change content; pages must be revalidated to pick up a release.
        // Judged below the web root: a root that itself sits under some "assets" folder changes nothing.
        // Set on the reply, not on reply.raw: the reply's own headers (send's "max-age=0") win over raw ones.
        const segments = path.relative(options.webRoot, filePath).split(path.sep);
        const immutable = segments.slice(0, -1).includes('assets');
        void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.log.warn({ webRoot: options.webRoot }, 'the web app is not built; run npm run build');
  }

  app.get(PATIENT_APP, { schema: { hide: true } }, (_request, reply) =>
    reply.redirect(`${PATIENT_APP}/`, 301),
  );

  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const wantsPage =
      built &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      pathname !== '/api' &&
      !pathname.startsWith('/api/') &&
      !path.extname(pathname) &&
      (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) throw notFound();
    const inPatientApp = pathname === PATIENT_APP || pathname.startsWith(`${PATIENT_APP}/`);
    void reply.header('cache-control', 'no-cache');
    return reply.sendFile(inPatientApp ? 'app/index.html' : 'index.html');
  });
}

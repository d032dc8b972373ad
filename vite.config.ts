import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Connect, defineConfig, type Plugin } from 'vite';
import { patientPrecache } from './src/web/patient/precache-plugin.js';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Where `npm run dev` runs the API; the dev server forwards API and health calls there. */
const apiTarget = 'http://127.0.0.1:3001';

/**
 * Vite's own HTML fallback sends every unknown path to /index.html; deep links into the patient app
 * (`/app/...`) must get app/index.html instead, as the production server does.
 */
function patientAppFallback(): Plugin {
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    const path = req.url?.split('?')[0] ?? '';
    const isPage = path.startsWith('/app/') && !path.slice('/app/'.length).includes('.');
    if (isPage && req.headers.accept?.includes('text/html')) req.url = '/app/index.html';
    next();
  };
  return {
    name: 'rehabit:patient-app-fallback',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  };
}

// Two entry points in one build: the practitioner workspace at `/` and the patient app (PWA) at `/app/`.
// The server serves dist/web as is, so the output layout is part of its contract.
export default defineConfig({
  root: webRoot,
  publicDir: fromRoot('./src/web/public'),
  plugins: [react(), patientAppFallback(), patientPrecache()],
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: {
        practitioner: fromRoot('./src/web/index.html'),
        patient: fromRoot('./src/web/app/index.html'),
      },
      // What both apps use (React, Mantine, router, i18n, ui/) goes into one cacheable chunk.
      // entriesAware: a module shared only by the workspace and a lazily loaded patient screen goes
      // into a chunk of its own, not into the one the patient app loads first (its 200 KB budget).
      output: { codeSplitting: { groups: [{ name: 'shared', minShareCount: 2, entriesAware: true }] } },
    },
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
});

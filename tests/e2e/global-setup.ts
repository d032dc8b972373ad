import { build } from 'vite';

/**
 * Builds the web app once before the browser tests, so they always exercise the current source
 * (the server serves whatever is in dist/web). Skip with E2E_SKIP_BUILD=1 when CI built it already.
 */
export default async function setup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  // Vitest sets NODE_ENV=test, which Vite would honour with a development build of React.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

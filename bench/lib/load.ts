import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How every target is loaded; identical for all targets of a run so their figures compare. */
export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** One target's figures from the measured part of its load (the warm-up is not counted). */
export interface LoadFigures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** What the load generator is started with. */
export interface LoadJob extends LoadSettings {
  url: string;
}

const positiveInteger = (env: Record<string, string | undefined>, name: string, fallback: number) => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a whole number above 0`);
  return Number(raw);
};

/** Reads BENCH_CONNECTIONS, BENCH_DURATION and BENCH_WARMUP (seconds), with the defaults 10, 10 and 2. */
export function loadSettingsFromEnv(env: Record<string, string | undefined>): LoadSettings {
  return {
    connections: positiveInteger(env, 'BENCH_CONNECTIONS', 10),
    durationSeconds: positiveInteger(env, 'BENCH_DURATION', 10),
    warmupSeconds: env.BENCH_WARMUP?.trim() === '0' ? 0 : positiveInteger(env, 'BENCH_WARMUP', 2),
  };
}

/**
 * Loads one URL with autocannon in a child process (started with this process's loader flags, so it
 * runs TypeScript too). The load generator gets its own event loop and core instead of taking turns
 * with the server under test; in this process it would add its own cost to every request and squeeze
 * every ratio towards 1.
 */
export function measure(job: LoadJob): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), [JSON.stringify(job)]);
    let figures: LoadFigures | undefined;
    child.once('message', (message) => {
      figures = message as LoadFigures;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0 && figures) resolve(figures);
      else reject(new Error(`load generator for ${job.url} exited with code ${code} and no figures`));
    });
  });
}

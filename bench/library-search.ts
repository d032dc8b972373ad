import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { startRehabit } from '../src/server/main.js';
import { exerciseSearchQuery } from '../src/server/modules/library/library.schema.js';
import { createLibraryService } from '../src/server/modules/library/library.service.js';
import { systemClock } from '../src/server/platform/clock.js';
import { signUp } from '../src/server/testing/accounts.js';
import { type BenchDatabase, createBenchDatabase } from './lib/database.js';
import { loadSyntheticExercises } from './lib/library-load.js';
import { QUERY_MIX } from './lib/synthetic-exercises.js';

// Server-side latency of the exercise search on a large library: the service call (transaction,
// typo correction, ranked page, summaries, recent searches), and the same through Fastify by inject.

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const whole = (name: string, fallback: number) => {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a whole number above 0`);
  return Number(raw);
};
const libraryCount = whole('BENCH_SEARCH_EXERCISES', 100_000);
const practiceCount = whole('BENCH_SEARCH_PRACTICE_EXERCISES', 500);
const rounds = whole('BENCH_SEARCH_ROUNDS', 20);
const serverUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;

interface Figures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function figuresOf(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? NaN };
}

const searchUrl = (entry: (typeof QUERY_MIX)[number]) => {
  const params = new URLSearchParams({ q: entry.q, lang: entry.lang ?? 'en', ...entry.filters });
  return `/api/v1/exercises?${params}`;
};

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rehabit-bench-search-'));
let benchDatabase: BenchDatabase | undefined;
let stopRehabit: (() => Promise<void>) | undefined;
const measured: Record<string, Figures> = {};
const slowest: Record<string, number> = {};
try {
  if (serverUrl) benchDatabase = await createBenchDatabase(serverUrl);
  const running = await startRehabit(
    {
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: benchDatabase?.url,
      MASTER_KEY: randomBytes(32).toString('base64'),
    },
    { background: false },
  );
  stopRehabit = running.stop;
  const { app } = running;
  const account = await signUp(app);
  const started = performance.now();
  const progress = (done: number) => process.stderr.write(`\rloaded ${done} exercises`);
  await loadSyntheticExercises(app.platform.transactor, {
    count: libraryCount,
    practiceId: null,
    seed: 1,
    onProgress: progress,
  });
  await loadSyntheticExercises(app.platform.transactor, {
    count: practiceCount,
    practiceId: account.practiceId,
    seed: 2,
  });
  // Fresh statistics, as autovacuum would gather them on a server that has been running a while.
  await running.database.db.execute(
    sql`analyze exercises, exercise_texts, exercise_search, exercise_vocabulary`,
  );
  process.stderr.write(`\nloaded in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);

  const library = createLibraryService({ transactor: app.platform.transactor, clock: systemClock });
  const caller = { practiceId: account.practiceId, practitionerId: account.practitionerId };
  const service: number[] = [];
  const http: number[] = [];
  for (let round = -1; round < rounds; round++) {
    for (const entry of QUERY_MIX) {
      const query = exerciseSearchQuery.parse({ q: entry.q, lang: entry.lang ?? 'en', ...entry.filters });
      let begin = performance.now();
      await library.search(caller, query);
      const serviceMs = performance.now() - begin;
      begin = performance.now();
      const response = await app.inject({
        method: 'GET',
        url: searchUrl(entry),
        headers: { cookie: account.cookie },
      });
      const httpMs = performance.now() - begin;
      if (response.statusCode !== 200) throw new Error(`${searchUrl(entry)} answered ${response.statusCode}`);
      // The first round warms caches and the JIT; it is not counted.
      if (round < 0) continue;
      service.push(serviceMs);
      http.push(httpMs);
      const key = `${entry.lang ?? 'en'} "${entry.q}" ${JSON.stringify(entry.filters ?? {})}`;
      slowest[key] = Math.max(slowest[key] ?? 0, serviceMs);
    }
  }
  measured['search service'] = figuresOf(service);
  measured['GET /api/v1/exercises (inject)'] = figuresOf(http);
} finally {
  await stopRehabit?.();
  await benchDatabase?.drop();
  await rm(dataDir, { recursive: true, force: true });
}

const engine = serverUrl ? 'postgres' : 'pglite';
const cpus = os.cpus();
const lines = [
  `engine ${engine} · node ${process.version} · ${cpus.length} CPUs (${cpus[0]?.model.trim()}) · ${new Date().toISOString()}`,
  `${libraryCount} library exercises (en + de) and ${practiceCount} of the practice's own; ${QUERY_MIX.length} queries × ${rounds} rounds, one at a time`,
  '',
  `${'target'.padEnd(32)}  ${['count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'].map((t) => t.padStart(7)).join('  ')}`,
  ...Object.entries(measured).map(
    ([target, f]) =>
      `${target.padEnd(32)}  ${[String(f.count), ...[f.p50, f.p95, f.p99, f.max].map((v) => v.toFixed(2))]
        .map((v) => v.padStart(7))
        .join('  ')}`,
  ),
  '',
  'slowest queries (service, worst of the rounds):',
  ...Object.entries(slowest)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([query, ms]) => `  ${ms.toFixed(2).padStart(7)} ms  ${query}`),
  '',
];
process.stdout.write(lines.join('\n'));
await mkdir(RESULTS_DIR, { recursive: true });
const file = path.join(
  RESULTS_DIR,
  `library-search-${engine}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
);
await writeFile(
  file,
  `${JSON.stringify({ engine, libraryCount, practiceCount, rounds, measured, slowest }, null, 2)}\n`,
);
process.stdout.write(`figures written to ${path.relative(process.cwd(), file)}\n`);

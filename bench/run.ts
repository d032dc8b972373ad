import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyPluginAsync } from 'fastify';
import { startRehabit } from '../src/server/main.js';
import { type BenchDatabase, createBenchDatabase } from './lib/database.js';
import { type LoadFigures, loadSettingsFromEnv, measure } from './lib/load.js';
import { buildReport, formatReport, writeReport } from './lib/report.js';

const BARE = 'bare fastify /bare';
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** One database read through the real service path: tenant-fenced transaction, then the practice. */
const practiceRead: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string } }>('/bench/practice/:id', (request) =>
    app.platform.practices.get(request.params.id),
  );
};

async function answersOk(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status} before the load`);
}

const settings = loadSettingsFromEnv(process.env);
const serverUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rehabit-bench-'));
const bare = Fastify();
bare.get('/bare', async () => ({ status: 'ok' }));
let benchDatabase: BenchDatabase | undefined;
let stopRehabit: (() => Promise<void>) | undefined;
const measured: { target: string; figures: LoadFigures }[] = [];
try {
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  if (serverUrl) benchDatabase = await createBenchDatabase(serverUrl);
  const running = await startRehabit(
    {
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: benchDatabase?.url,
      // A throwaway key: the keyring file (and its loud warning) is for deployments, not benchmarks.
      MASTER_KEY: randomBytes(32).toString('base64'),
    },
    { background: false, extraRoutes: [practiceRead] },
  );
  stopRehabit = running.stop;
  const practice = await running.app.platform.practices.create({ name: 'Bench Physio', country: 'GB' }, {});
  const targets = [
    { target: BARE, url: `${bareUrl}/bare` },
    { target: 'rehabit /healthz', url: `${running.url}/healthz` },
    { target: 'rehabit practice read', url: `${running.url}/bench/practice/${practice.id}` },
  ];
  for (const { url } of targets) await answersOk(url);
  // One after another: on a small machine, concurrent targets would measure each other.
  for (const { target, url } of targets) {
    process.stderr.write(`measuring ${target} …\n`);
    measured.push({ target, figures: await measure({ url, ...settings }) });
  }
} finally {
  await stopRehabit?.();
  await bare.close();
  await benchDatabase?.drop();
  await rm(dataDir, { recursive: true, force: true });
}

const report = buildReport(serverUrl ? 'postgres' : 'pglite', settings, measured, BARE);
process.stdout.write(formatReport(report));
process.stdout.write(
  `figures written to ${path.relative(process.cwd(), await writeReport(report, RESULTS_DIR))}\n`,
);
// A figure from failed requests would be meaningless; the run says so through its exit code.
if (report.targets.some((t) => t.errors > 0 || t.non2xx > 0)) {
  process.stderr.write('some requests failed: these figures are not comparable\n');
  process.exitCode = 1;
}

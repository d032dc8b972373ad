import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startRehabit } from '../src/server/main.js';

// First load of the patient app (/app/) in Chromium on an emulated slow mobile network, from an
// empty cache: what a patient waits for when they open the link from their practitioner. Prints
// figures; asserts nothing. BENCH_SKIP_BUILD=1 measures the existing dist/web, BENCH_RUNS sets runs.

const root = fileURLToPath(new URL('..', import.meta.url));
const webRoot = path.join(root, 'dist/web');

/**
 * Chrome DevTools' presets (front_end/core/sdk/NetworkManager.ts), in bytes per second and ms:
 * "Slow 4G" is 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up, 150 ms × 3.75 latency; "Slow 3G" is
 * 500 kbps × 0.8 both ways with 400 ms × 5 latency (the "400 kbps, 2000 ms" profile).
 */
const PRESETS = [
  {
    name: 'Slow 4G',
    download: ((1.6 * 1000 * 1000) / 8) * 0.9,
    upload: ((750 * 1000) / 8) * 0.9,
    latency: 150 * 3.75,
  },
  { name: 'Slow 3G', download: ((500 * 1000) / 8) * 0.8, upload: ((500 * 1000) / 8) * 0.8, latency: 400 * 5 },
];
const runs = Number(process.env.BENCH_RUNS ?? 3);

/** The scripts app/index.html loads before the first render: the entry and its modulepreloads. */
async function initialScripts(): Promise<{ file: string; raw: number; gzip: number }[]> {
  const html = await readFile(path.join(webRoot, 'app/index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1] ?? '');
  return Promise.all(
    [...new Set(files)].map(async (file) => {
      const bytes = await readFile(path.join(webRoot, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    }),
  );
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

if (process.env.BENCH_SKIP_BUILD !== '1') {
  process.stderr.write('building the web app …\n');
  process.env.NODE_ENV = 'production';
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

const scripts = await initialScripts();
console.log('patient app, initial JavaScript (entry + modulepreloads):');
for (const script of scripts) console.log(`  ${script.file}  ${kb(script.raw)}  gzip ${kb(script.gzip)}`);
const total = scripts.reduce((sum, script) => sum + script.gzip, 0);
console.log(`  total gzip ${kb(total)} (budget 200 KB)\n`);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rehabit-bench-patient-'));
const server = await startRehabit(
  { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', MASTER_KEY: randomBytes(32).toString('base64') },
  { background: false },
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const preset of PRESETS) {
    const figures: { fcp: number; screen: number; load: number; bytes: number }[] = [];
    for (let run = 0; run < runs; run += 1) {
      // A new context per run: empty HTTP cache, no service worker, as on a first visit.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: preset.latency,
        downloadThroughput: preset.download,
        uploadThroughput: preset.upload,
      });
      let bytes = 0;
      cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
        bytes += event.encodedDataLength;
      });
      const started = Date.now();
      await page.goto(`${server.url}/app/`, { waitUntil: 'load', timeout: 120_000 });
      // The first usable screen: the region choice or the access code field.
      await page.getByRole('button').first().waitFor({ timeout: 120_000 });
      const screen = Date.now() - started;
      const timing = await page.evaluate(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { fcp: paint?.startTime ?? NaN, load: navigation.loadEventEnd };
      });
      figures.push({ ...timing, screen, bytes });
      await context.close();
    }
    console.log(
      `${preset.name} (${((preset.download * 8) / 1000).toFixed(0)} kbps down, ${((preset.upload * 8) / 1000).toFixed(0)} kbps up, ${preset.latency} ms latency), median of ${runs} cold loads:`,
    );
    console.log(`  first contentful paint  ${median(figures.map((f) => f.fcp)).toFixed(0)} ms`);
    console.log(`  load event              ${median(figures.map((f) => f.load)).toFixed(0)} ms`);
    console.log(`  sign-in screen usable   ${median(figures.map((f) => f.screen)).toFixed(0)} ms`);
    console.log(`  bytes transferred       ${kb(median(figures.map((f) => f.bytes)))}\n`);
  }
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}

import { createHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { LoadFigures, LoadJob } from './load.js';

// Started by measure() in load.ts with the job as its one argument; answers with one message.
const job = JSON.parse(process.argv[2] ?? '') as LoadJob;
const options = { url: job.url, connections: job.connections };

// Warm-up: JIT, connection pools and caches settle; its figures are thrown away.
if (job.warmupSeconds > 0) await autocannon({ ...options, duration: job.warmupSeconds });

// autocannon's own latency histogram keeps whole milliseconds, too coarse for a route answering in
// well under one; each 2xx response time is recorded here in microseconds instead.
const latencyUs = createHistogram({ lowest: 1, highest: 60_000_000, figures: 3 });
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon({ ...options, duration: job.durationSeconds }, (error: unknown, done) => {
    if (error) reject(error);
    else resolve(done);
  });
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300)
      latencyUs.record(Math.max(1, Math.round(responseTimeMs * 1000)));
  });
});

const figures: LoadFigures = {
  requestsPerSecond: result.requests.average,
  latencyP50Ms: latencyUs.count > 0 ? latencyUs.percentile(50) / 1000 : Number.NaN,
  latencyP99Ms: latencyUs.count > 0 ? latencyUs.percentile(99) / 1000 : Number.NaN,
  requests: result['2xx'] + result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
};
process.send?.(figures, () => process.disconnect());

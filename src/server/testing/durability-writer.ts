// Child process of the durability test: commits practices one by one and reports each id on stdout
// only after its transaction committed, until the parent kills it with SIGKILL.
import { loadConfig } from '../config.js';
import { createPracticesService } from '../modules/practices/practices.service.js';
import { createAudit } from '../platform/audit/audit.js';
import { systemClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { openRuntime } from '../runtime.js';

const config = loadConfig(JSON.parse(process.argv[2] ?? '{}') as Record<string, string>);
const runtime = await openRuntime(config, createLogger({ logLevel: 'silent' }));
const practices = createPracticesService({
  transactor: runtime.transactor,
  audit: createAudit({ clock: systemClock }),
  region: config.region,
});
for (let n = 0; ; n += 1) {
  const practice = await practices.create({ name: `Durable ${n}`, country: 'GB' }, {});
  process.stdout.write(`${practice.id}\n`);
}

import path from 'node:path';
import { ledgerFilePath } from './modules/erasure/erasure-ledger-file.js';
import { formatRetentionReport } from './modules/retention/retention.report.js';
import { createRetentionService } from './modules/retention/retention.service.js';
import { createAudit } from './platform/audit/audit.js';
import { systemClock } from './platform/clock.js';
import { createFieldCipher, createObjectKeys, loadBlindIndexSecret } from './platform/crypto/index.js';
import { createLogger, type Logger } from './platform/logger.js';
import { createLocalStorage } from './platform/storage/local-storage.js';
import type { Runtime } from './runtime.js';

// `npm run rehabit -- retention run [--dry-run]`: the daily job's work, on demand. It prints counts per
// category, never content.

type Output = (line: string) => void;

interface RetentionCommand {
  summary: string;
  run(runtime: Runtime, out: Output, args: string[], flags?: string[]): Promise<number>;
}

/** The retention service as the server builds it, from the command line's runtime. */
async function retentionOf(runtime: Runtime, log: Logger) {
  const { transactor, keyring, config } = runtime;
  const cipher = createFieldCipher({
    keyring,
    blindIndexSecret: await loadBlindIndexSecret(transactor, keyring),
    clock: systemClock,
  });
  const audit = createAudit({ clock: systemClock });
  return createRetentionService({
    transactor,
    audit,
    clock: systemClock,
    policy: config.retention,
    // A health record past its time is erased exactly as the API erases: media, data keys, ledger.
    erasure: {
      transactor,
      audit,
      cipher,
      clock: systemClock,
      storage: createLocalStorage({
        root: path.join(config.dataDir, 'media'),
        keys: createObjectKeys({ transactor, cipher }),
      }),
      log,
      ledgerFile: ledgerFilePath(config.dataDir),
    },
  });
}

export const retentionCommands: Record<string, RetentionCommand> = {
  'retention run': {
    summary: 'delete what is past its retention period and print counts per category; --dry-run only counts',
    async run(runtime, out, _args, flags = []) {
      const log = createLogger({ logLevel: 'warn' }).child({ component: 'retention' });
      const retention = await retentionOf(runtime, log);
      const report = await retention.run({ dryRun: flags.includes('--dry-run'), actor: 'operator' });
      for (const line of formatRetentionReport(report)) out(line);
      return 0;
    },
  },
};

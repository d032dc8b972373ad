import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import type { ErasureDeps } from './erasure.core.js';
import { erasureRoutes } from './erasure.routes.js';
import { createErasureService, type ErasureService } from './erasure.service.js';
import { ledgerFilePath } from './erasure-ledger-file.js';

export { type ReplayReport, replayErasureLedger } from './erasure-replay.js';

export const CLOSED_PRACTICES_JOB = 'erasure.closed_practices';

/** What erasure (and its replay after a restore) needs, from the platform's parts. */
export function erasureDeps(
  platform: Pick<Platform, 'transactor' | 'audit' | 'cipher' | 'clock' | 'storage' | 'log'> & {
    config: { dataDir: string };
  },
): ErasureDeps {
  const { transactor, audit, cipher, clock, storage, log, config } = platform;
  return {
    transactor,
    audit,
    cipher,
    clock,
    storage,
    log: log.child({ component: 'erasure' }),
    ledgerFile: ledgerFilePath(config.dataDir),
  };
}

/**
 * Erasure: the client erasure route, the practice closure routes and the daily job (03:30 UTC, a quiet
 * hour) that erases practices whose grace period has passed.
 */
export async function registerErasure(app: FastifyInstance, platform: Platform): Promise<ErasureService> {
  const erasure = createErasureService({
    ...erasureDeps(platform),
    mailer: platform.mailer,
    publicUrl: platform.config.publicUrl,
    graceDays: platform.config.practiceClosureGraceDays,
  });
  platform.jobs.register(
    CLOSED_PRACTICES_JOB,
    async () => {
      await erasure.eraseDuePractices();
    },
    { name: CLOSED_PRACTICES_JOB, cron: '30 3 * * *' },
  );
  await app.register(erasureRoutes, { erasure });
  return erasure;
}

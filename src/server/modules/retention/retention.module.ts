import type { Platform } from '../../app.js';
import { erasureDeps } from '../erasure/erasure.module.js';
import { retentionLogFields } from './retention.report.js';
import { createRetentionService, type RetentionService } from './retention.service.js';

export const RETENTION_JOB = 'retention.run';

/**
 * Retention: a daily job (04:00 UTC, after the closed practices' erasure at 03:30, still a quiet hour)
 * applies the policy and logs the counts per category. The command line runs the same service.
 */
export function registerRetention(platform: Platform): RetentionService {
  const { transactor, audit, clock, jobs, log, config } = platform;
  const retention = createRetentionService({
    transactor,
    audit,
    clock,
    policy: config.retention,
    erasure: erasureDeps(platform),
  });
  const retentionLog = log.child({ component: 'retention' });
  jobs.register(
    RETENTION_JOB,
    async () => {
      const report = await retention.run({ actor: 'system' });
      retentionLog.info(retentionLogFields(report), 'retention run');
    },
    { name: RETENTION_JOB, cron: '0 4 * * *' },
  );
  return retention;
}

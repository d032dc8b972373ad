import path from 'node:path';
import { createAudit } from '../../platform/audit/audit.js';
import { createFieldCipher, createObjectKeys, loadBlindIndexSecret } from '../../platform/crypto/index.js';
import { createLocalStorage } from '../../platform/storage/local-storage.js';
import { openRuntime } from '../../runtime.js';
import { erasureDeps, type ReplayReport, replayErasureLedger } from '../erasure/erasure.module.js';
import type { NewLedgerEntry } from '../erasure/erasure.repo.js';
import type { BackupDeps } from './backup.service.js';

/** How a restore is finished or taken back once the replay has run. */
export interface RestoredDatabase {
  /** Puts the replaced database back (the embedded engine keeps it aside until the replay succeeds). */
  undo(): Promise<void>;
  /** Removes what was kept aside. */
  done(): Promise<void>;
}

/**
 * Opens the restored database as the server would (migrating an older schema forward) and replays
 * the erasure ledger with the entries the restore gathered; audits the restore as the operator's, in
 * the restored database (naming the archive restored, when there is one).
 */
export async function replayAfterRestore(
  deps: BackupDeps,
  entries: NewLedgerEntry[],
  archiveId?: string,
): Promise<ReplayReport> {
  const { config, clock, log } = deps;
  const runtime = await openRuntime(config, log);
  try {
    const { transactor, keyring } = runtime;
    const cipher = createFieldCipher({
      keyring,
      blindIndexSecret: await loadBlindIndexSecret(transactor, keyring),
      clock,
    });
    const audit = createAudit({ clock });
    const storage = createLocalStorage({
      root: path.join(config.dataDir, 'media'),
      keys: createObjectKeys({ transactor, cipher }),
    });
    const report = await replayErasureLedger(
      erasureDeps({ transactor, audit, cipher, clock, storage, log, config }),
      { entries },
    );
    await transactor.asSystem((tx) =>
      audit.record(tx, {
        practiceId: null,
        actor: { type: 'operator' },
        action: 'backup.restore',
        ...(archiveId ? { subject: { type: 'backup', id: archiveId } } : {}),
        outcome: 'success',
      }),
    );
    return report;
  } finally {
    await runtime.database.close();
  }
}

import type { Transactor, Tx } from '../../db/transactions.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { dataKeyPurpose } from './field-cipher.js';
import {
  countDataKeysByMasterKey,
  listDataKeysNotWrappedBy,
  listDeploymentSecrets,
  rewrapDataKey,
  rewrapDeploymentSecret,
} from './key-rotation.repo.js';
import {
  beginFileRotation,
  deploymentSecretPurpose,
  dropReplacedFileKeys,
  KEYRING_REFRESH_MS,
  type Keyring,
  loadKeyring,
  unwrapSecret,
  wrapSecret,
} from './keyring.js';

/** What `keys rotate` did: counts and key ids only, never key material. */
export interface MasterKeyRotationReport {
  /** environment: MASTER_KEY is the new key; file: the keyring file under DATA_DIR holds the versions. */
  mode: 'environment' | 'file';
  activeMasterKeyId: string;
  /** True when the keyring file's rotation was begun by an earlier, interrupted run. */
  resumed: boolean;
  rewrappedDataKeys: number;
  rewrappedSecrets: number;
  /** Wrapped by a master key this node does not have (MASTER_KEY_PREVIOUS missing?): left as they are. */
  unreadableDataKeys: number;
  unreadableSecrets: number;
  /** Master keys removed from the keyring file, now that nothing is wrapped by them. */
  droppedMasterKeyIds: string[];
  /** Everything is wrapped by the active master key: the previous ones may go. */
  done: boolean;
}

export interface MasterKeyRotationDeps {
  transactor: Transactor;
  /**
   * A transaction as the database owner (the role that runs migrations): the tenant and system roles
   * may only add deployment secrets, never change one, and re-wrapping one is the operator's act.
   */
  asOwner: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  config: { masterKey: Buffer | undefined; previousMasterKeys: Buffer[]; dataDir: string };
  clock: Clock;
  log: Logger;
  /** Data keys re-wrapped per transaction. */
  batchSize?: number;
  /**
   * How long after a new key became active in the keyring file every running node is trusted to wrap
   * with it (they look at the file every KEYRING_REFRESH_MS); a last pass after it catches stragglers.
   */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each committed batch (tests interrupt a rotation here). */
  afterBatch?: () => Promise<void> | void;
}

const DEFAULT_SETTLE_MS = 5 * KEYRING_REFRESH_MS;

/**
 * Rotates the master key online: the app keeps serving, with old and new master keys both usable, while
 * every data key and deployment secret is re-wrapped by the new one (data keys themselves stay, so no
 * field is re-encrypted). With MASTER_KEY the operator has already made the new key active and given the
 * old one as MASTER_KEY_PREVIOUS; with the keyring file, this adds the new key to it. Safe to run again
 * after an interruption: a file rotation is resumed, and every re-wrap is a compare-and-set.
 */
export async function rotateMasterKey(deps: MasterKeyRotationDeps): Promise<MasterKeyRotationReport> {
  const { config, clock, log } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const mode = config.masterKey ? 'environment' : 'file';
  const rotation = mode === 'file' ? beginFileRotation(config.dataDir, clock.now()) : undefined;
  const keyring = loadKeyring(config, log);
  const report: MasterKeyRotationReport = {
    mode,
    activeMasterKeyId: keyring.active.id,
    resumed: rotation ? !rotation.started : false,
    rewrappedDataKeys: 0,
    rewrappedSecrets: 0,
    unreadableDataKeys: 0,
    unreadableSecrets: 0,
    droppedMasterKeyIds: [],
    done: false,
  };
  log.info({ mode, activeMasterKeyId: keyring.active.id, resumed: report.resumed }, 'master key rotation');

  const first = await rewrapEverything(deps, keyring, report);
  if (rotation) {
    // Until every node has read the file, one may still wrap a new data key by the old master key.
    const settled = rotation.activeSince.getTime() + (deps.settleMs ?? DEFAULT_SETTLE_MS);
    const wait = settled - clock.now().getTime();
    if (wait > 0) await sleep(wait);
  }
  // A last pass: data keys that running nodes created under the old key while the first one ran.
  // Unreadable counts come from this pass alone: the first pass saw the same keys.
  const last = await rewrapEverything(deps, keyring, {
    ...first,
    unreadableDataKeys: 0,
    unreadableSecrets: 0,
  });
  report.rewrappedDataKeys = last.rewrappedDataKeys;
  report.rewrappedSecrets = last.rewrappedSecrets;
  report.unreadableDataKeys = last.unreadableDataKeys;
  report.unreadableSecrets = last.unreadableSecrets;

  const remaining = await deps.transactor.asSystem(countDataKeysByMasterKey);
  const secrets = await deps.transactor.asSystem(listDeploymentSecrets);
  const elsewhere =
    [...remaining.entries()].filter(([id, keys]) => id !== keyring.active.id && keys > 0).length +
    secrets.filter((secret) => secret.masterKeyId !== keyring.active.id).length;
  report.done = elsewhere === 0;
  if (report.done && rotation) {
    report.droppedMasterKeyIds = dropReplacedFileKeys(config.dataDir);
  }
  log.info(
    {
      rewrappedDataKeys: report.rewrappedDataKeys,
      rewrappedSecrets: report.rewrappedSecrets,
      unreadable: report.unreadableDataKeys + report.unreadableSecrets,
      done: report.done,
    },
    'master key rotation finished',
  );
  return report;
}

async function rewrapEverything(
  deps: MasterKeyRotationDeps,
  keyring: Keyring,
  totals: MasterKeyRotationReport,
): Promise<MasterKeyRotationReport> {
  const report = { ...totals };
  const batchSize = deps.batchSize ?? 200;
  const target = keyring.active.id;
  let after: string | undefined;
  for (;;) {
    // Each batch its own transaction: a long rotation holds no lock for long, and an interruption
    // keeps what was committed.
    const batch = await deps.transactor.asSystem(async (tx) => {
      const keys = await listDataKeysNotWrappedBy(tx, target, after, batchSize);
      let rewrapped = 0;
      let unreadable = 0;
      for (const key of keys) {
        const purpose = dataKeyPurpose(key.id);
        let secret: Buffer;
        try {
          secret = unwrapSecret(keyring, purpose, key.masterKeyId, key.wrappedKey);
        } catch {
          unreadable += 1;
          continue;
        }
        const { masterKeyId, wrapped } = wrapSecret(keyring, purpose, secret);
        secret.fill(0);
        const stored = await rewrapDataKey(tx, {
          id: key.id,
          fromMasterKeyId: key.masterKeyId,
          wrappedKey: wrapped,
          masterKeyId,
        });
        if (stored) rewrapped += 1;
      }
      return { keys, rewrapped, unreadable };
    });
    report.rewrappedDataKeys += batch.rewrapped;
    report.unreadableDataKeys += batch.unreadable;
    await deps.afterBatch?.();
    if (batch.keys.length < batchSize) break;
    after = batch.keys[batch.keys.length - 1]?.id;
  }

  // A handful of rows: one transaction.
  const secrets = await deps.asOwner(async (tx) => {
    let rewrapped = 0;
    let unreadable = 0;
    for (const secret of await listDeploymentSecrets(tx)) {
      if (secret.masterKeyId === target) continue;
      const purpose = deploymentSecretPurpose(secret.name);
      let value: Buffer;
      try {
        value = unwrapSecret(keyring, purpose, secret.masterKeyId, secret.wrappedValue);
      } catch {
        unreadable += 1;
        continue;
      }
      const { masterKeyId, wrapped } = wrapSecret(keyring, purpose, value);
      value.fill(0);
      const stored = await rewrapDeploymentSecret(tx, {
        name: secret.name,
        fromMasterKeyId: secret.masterKeyId,
        wrappedValue: wrapped,
        masterKeyId,
      });
      if (stored) rewrapped += 1;
    }
    return { rewrapped, unreadable };
  });
  report.rewrappedSecrets += secrets.rewrapped;
  report.unreadableSecrets += secrets.unreadable;
  return report;
}

import path from 'node:path';
import { systemClock } from './platform/clock.js';
import {
  createFieldCipher,
  createObjectKeys,
  type DataKeyScope,
  loadBlindIndexSecret,
  type ReencryptionReport,
  reencryptRetiredValues,
  rotateDataKeys,
  rotateMasterKey,
} from './platform/crypto/index.js';
import { createJobRunner } from './platform/jobs/runner.js';
import { createLogger } from './platform/logger.js';
import { createLocalStorage } from './platform/storage/local-storage.js';
import type { Runtime } from './runtime.js';

// The operator's key commands (`npm run rehabit -- keys ...`). They print counts and key ids, never
// key material or plain text.

type Output = (line: string) => void;

interface KeysCommand {
  summary: string;
  run(runtime: Runtime, out: Output, args: string[]): Promise<number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

async function cipherOf({ transactor, keyring }: Runtime) {
  return createFieldCipher({
    keyring,
    blindIndexSecret: await loadBlindIndexSecret(transactor, keyring),
    clock: systemClock,
  });
}

function reportReencryption(out: Output, report: ReencryptionReport): number {
  const grace = report.keys.filter((key) => key.kept === 'grace').length;
  const media = report.keys.filter((key) => key.kept === 'media').length;
  out(
    `Re-encrypted ${plural(report.reencrypted, 'value')} and re-wrapped ${plural(report.rewrappedMedia, 'media key')} ` +
      `under ${plural(report.keys.length, 'retired data key')}; ${plural(report.drained, 'key')} now drained ` +
      '(nothing under it).',
  );
  if (grace > 0) {
    out(`  ${plural(grace, 'key')} retired too recently to mark drained: the app's job does it shortly.`);
  }
  if (media > 0) {
    out(`  ${plural(media, 'key')} kept retired: stored media keys are still wrapped under it.`);
  }
  if (report.unreadable > 0) {
    out(`  ${plural(report.unreadable, 'value')} did not open (altered or moved) and were left as they are.`);
  }
  if (report.unreadableMedia > 0) {
    out(`  ${plural(report.unreadableMedia, 'media key')} did not open (altered) and were left as they are.`);
  }
  const movable = report.remaining - report.unreadable + (report.remainingMedia - report.unreadableMedia);
  if (movable > 0) {
    out(
      `  ${plural(movable, 'value or media key', 'values or media keys')} still under retired keys: ` +
        'run this command again in a minute.',
    );
    return 1;
  }
  return 0;
}

export const keysCommands: Record<string, KeysCommand> = {
  'keys rotate': {
    summary: 'rotate the master key: re-wrap every data key and deployment secret, online; safe to re-run',
    async run(runtime, out) {
      const { config, database, transactor } = runtime;
      const report = await rotateMasterKey({
        transactor,
        asOwner: (work) => database.db.transaction(work),
        config,
        clock: systemClock,
        log: createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }),
      });
      const where = report.mode === 'file' ? 'the keyring file in DATA_DIR' : 'MASTER_KEY';
      out(
        `Master key rotation (${where}): active master key ${report.activeMasterKeyId}` +
          `${report.resumed ? ', resuming a rotation that was interrupted' : ''}.`,
      );
      out(
        `Re-wrapped ${plural(report.rewrappedDataKeys, 'data key')} and ${plural(report.rewrappedSecrets, 'deployment secret')}.`,
      );
      if (!report.done) {
        out(
          `Not done: ${plural(report.unreadableDataKeys, 'data key')} and ${plural(report.unreadableSecrets, 'deployment secret')} ` +
            'are wrapped by a master key this node does not have. Give it in MASTER_KEY_PREVIOUS and run keys rotate again.',
        );
        return 1;
      }
      if (report.mode === 'file') {
        out(
          `Done: everything is wrapped by ${report.activeMasterKeyId}; removed ${report.droppedMasterKeyIds.join(', ') || 'no old key'} ` +
            'from the keyring file. Back up DATA_DIR/keyring.json now, apart from the data.',
        );
      } else if (config.previousMasterKeys.length > 0) {
        out(
          `Done: everything is wrapped by MASTER_KEY (${report.activeMasterKeyId}). ` +
            'Remove MASTER_KEY_PREVIOUS from every node and restart them.',
        );
      } else {
        out(
          `Done: everything is wrapped by MASTER_KEY (${report.activeMasterKeyId}). To rotate it, set MASTER_KEY to a new ` +
            'key (openssl rand -base64 32) and MASTER_KEY_PREVIOUS to the current one on every node, restart them, ' +
            'and run keys rotate again.',
        );
      }
      return 0;
    },
  },
  'keys rotate-data-keys': {
    summary:
      'retire data keys and start new ones: all, or "practice ID" (its own and its clients\'), or "client ID"; a job re-encrypts',
    async run(runtime, out, [kind, id]) {
      let scope: DataKeyScope = {};
      if (kind !== undefined) {
        if ((kind !== 'practice' && kind !== 'client') || !id || !UUID.test(id)) {
          out('Usage: npm run rehabit -- keys rotate-data-keys [practice PRACTICE_ID | client CLIENT_ID]');
          return 2;
        }
        scope = kind === 'practice' ? { practiceId: id } : { clientId: id };
      }
      const jobs = createJobRunner({
        transactor: runtime.transactor,
        clock: systemClock,
        log: createLogger({ logLevel: 'silent' }),
        handlers: {},
      });
      const report = await rotateDataKeys(
        { transactor: runtime.transactor, cipher: await cipherOf(runtime), jobs, clock: systemClock },
        scope,
      );
      if (report.rotatedKeys === 0) {
        out('No active data key matched: nothing was rotated.');
        return kind === undefined ? 0 : 1;
      }
      out(
        `Retired ${plural(report.rotatedKeys, 'data key')} of ${plural(report.practices, 'practice')} and started new ones. ` +
          "The app's re-encryption job moves their values in a few minutes (or run: keys reencrypt).",
      );
      return 0;
    },
  },
  'keys reencrypt': {
    summary: 're-encrypt now what is still sealed under retired data keys: all, or "practice ID"',
    async run(runtime, out, [kind, id]) {
      if (kind !== undefined && (kind !== 'practice' || !id || !UUID.test(id))) {
        out('Usage: npm run rehabit -- keys reencrypt [practice PRACTICE_ID]');
        return 2;
      }
      const { transactor, config } = runtime;
      const cipher = await cipherOf(runtime);
      const storage = createLocalStorage({
        root: path.join(config.dataDir, 'media'),
        keys: createObjectKeys({ transactor, cipher }),
      });
      const report = await reencryptRetiredValues(
        { transactor, cipher, storage, clock: systemClock },
        id ? { practiceId: id } : {},
      );
      return reportReencryption(out, report);
    },
  },
};

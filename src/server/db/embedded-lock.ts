import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * The embedded engine is one session inside one process; two processes on the same files would
 * corrupt them. A pid file refuses the second opener; a lock left by a killed process is taken over.
 */
const heldHere = new Set<string>();

export function acquireEmbeddedLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(lockFile);
      return () => {
        heldHere.delete(lockFile);
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8'));
      // Our own pid on a lock we do not hold is a previous life of this pid (containers restart as pid 1).
      const heldByLiveProcess =
        holder === process.pid ? heldHere.has(lockFile) : holder > 0 && isAlive(holder);
      if (heldByLiveProcess) {
        throw new Error(
          `The embedded database is in use by process ${holder} (is Rehabit running?). ` +
            'Stop it first, or run the command against the running server.',
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Environment } from '../config.js';

const serverDir = fileURLToPath(new URL('../', import.meta.url));

/** Runs a TypeScript file of src/server (e.g. 'main.ts') in a child process of its own. */
export function spawnTs(script: string, args: string[], env: Environment = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(serverDir, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves once the child has printed a line matching the pattern. */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve(seen);
    });
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before printing ${pattern}: ${seen}`)),
    );
  });
}

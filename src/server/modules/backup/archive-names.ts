import type { Config } from '../../config.js';

// Archives are named rehabit-REGION-ENGINE-YYYYMMDDTHHMMSSZ.rhbk: the name alone says whose they are and
// sorts by time, so the daily job can keep the newest without opening any, and never mistakes another
// file (a region marker, a write in progress, someone's notes) for one of them.

export type Engine = 'pglite' | 'postgres';

export const engineOf = (config: Pick<Config, 'databaseUrl'>): Engine =>
  config.databaseUrl ? 'postgres' : 'pglite';

/** A moment as the compact UTC stamp archive names carry (20260302T030000Z). */
export const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export const archiveFileName = (region: string, engine: Engine, at: Date) =>
  `rehabit-${region}-${engine}-${stamp(at)}.rhbk`;

const STAMP = /^\d{8}T\d{6}Z$/;

/** Whether a file name is exactly one that `backup create` gives this region's and engine's archives. */
export function isArchiveName(name: string, region: string, engine: Engine): boolean {
  const prefix = `rehabit-${region}-${engine}-`;
  const suffix = '.rhbk';
  if (!name.startsWith(prefix) || !name.endsWith(suffix)) return false;
  return STAMP.test(name.slice(prefix.length, name.length - suffix.length));
}

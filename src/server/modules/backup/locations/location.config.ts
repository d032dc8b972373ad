import path from 'node:path';
import type { BackupStore } from './backup-store.js';
import { createDirectoryStore } from './directory-store.js';
import { createS3Store, type S3StoreOptions } from './s3-store.js';

// BACKUP_DIR names the backup location: a directory, or s3://bucket/prefix with the BACKUP_S3_*
// settings beside it. Read once at boot (config.ts) so a bad value stops the start naming the variable;
// values are never echoed, as an endpoint or a key could be a secret.

export type BackupLocation =
  | { kind: 'directory'; directory: string }
  | { kind: 's3'; s3: Omit<S3StoreOptions, 'tempDirectory' | 'partBytes'> };

type Environment = Record<string, string | undefined>;

const S3_SETTINGS = [
  'BACKUP_S3_ENDPOINT',
  'BACKUP_S3_REGION',
  'BACKUP_S3_ACCESS_KEY_ID',
  'BACKUP_S3_SECRET_ACCESS_KEY',
  'BACKUP_S3_FORCE_PATH_STYLE',
] as const;
export const DEFAULT_S3_REGION = 'us-east-1';

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const S3_REGION = /^[A-Za-z0-9_-]{1,64}$/;
const BOOLEAN: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };

function parseEndpoint(raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push('BACKUP_S3_ENDPOINT must be an http(s) URL such as https://s3.example.org:9000');
    return undefined;
  }
  // Credentials go in their own variables, where they are treated as secrets; a URL is printed.
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash)
    problems.push('BACKUP_S3_ENDPOINT must be an http(s) URL without user, password, query or fragment');
  return url.href.replace(/\/$/, '');
}

/** `address` is BACKUP_DIR after s3://: the bucket, then the prefix. */
function parseS3(address: string, env: Environment, problems: string[]): BackupLocation | undefined {
  const [bucket = '', ...rest] = address.split('/');
  const parts = rest.filter(Boolean);
  if (!BUCKET.test(bucket) || !parts.every((part) => PREFIX_PART.test(part)))
    problems.push('BACKUP_DIR as s3://bucket/prefix needs a valid bucket name and prefix parts without ".."');
  const setting = (name: (typeof S3_SETTINGS)[number]) => env[name]?.trim() || undefined;
  const endpoint = parseEndpoint(setting('BACKUP_S3_ENDPOINT'), problems);
  const region = setting('BACKUP_S3_REGION') ?? DEFAULT_S3_REGION;
  if (!S3_REGION.test(region)) problems.push('BACKUP_S3_REGION must be a region name such as eu-central-1');
  const accessKeyId = setting('BACKUP_S3_ACCESS_KEY_ID');
  const secretAccessKey = setting('BACKUP_S3_SECRET_ACCESS_KEY');
  if (!accessKeyId || !secretAccessKey)
    problems.push(
      'BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY must be set for an s3:// BACKUP_DIR',
    );
  const pathStyle = setting('BACKUP_S3_FORCE_PATH_STYLE')?.toLowerCase();
  if (pathStyle !== undefined && !(pathStyle in BOOLEAN))
    problems.push('BACKUP_S3_FORCE_PATH_STYLE must be true or false');
  if (problems.length > 0 || !accessKeyId || !secretAccessKey) return undefined;
  return {
    kind: 's3',
    s3: {
      bucket,
      prefix: parts.join('/'),
      endpoint,
      region,
      // Most S3-compatible servers address buckets in the path; AWS prefers the host name.
      forcePathStyle: pathStyle === undefined ? endpoint !== undefined : (BOOLEAN[pathStyle] ?? false),
      credentials: { accessKeyId, secretAccessKey },
    },
  };
}

/** Reads BACKUP_DIR and the BACKUP_S3_* settings: the location (undefined when unset) and a problem per bad value. */
export function parseBackupLocation(env: Environment): {
  location: BackupLocation | undefined;
  problems: string[];
} {
  const problems: string[] = [];
  const raw = env.BACKUP_DIR?.trim();
  const s3Set = S3_SETTINGS.filter((name) => env[name]?.trim());
  if (raw && /^s3:\/\//i.test(raw)) {
    const location = parseS3(raw.slice('s3://'.length), env, problems);
    return { location, problems };
  }
  if (s3Set.length > 0) problems.push(`${s3Set.join(', ')} apply only when BACKUP_DIR is an s3:// address`);
  if (!raw) return { location: undefined, problems };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(raw)) {
    problems.push('BACKUP_DIR must be a directory or an s3://bucket/prefix address');
    return { location: undefined, problems };
  }
  return { location: { kind: 'directory', directory: path.resolve(raw) }, problems };
}

/** The store for a parsed location; S3 downloads for `local` go under `tempDirectory` when given. */
export function openBackupStore(
  location: BackupLocation,
  options: { tempDirectory?: string } = {},
): BackupStore {
  switch (location.kind) {
    case 'directory':
      return createDirectoryStore(location.directory);
    case 's3':
      return createS3Store({ ...location.s3, tempDirectory: options.tempDirectory });
  }
}

import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { type BackupJobConfig, parseBackupJob } from './modules/backup/backup.config.js';
import { type BackupLocation, parseBackupLocation } from './modules/backup/locations/location.config.js';
import { parseRetentionPolicy, type RetentionPolicy } from './modules/retention/retention.policy.js';
import { type Processor, parseProcessorRegister } from './modules/transparency/processor-register.js';

/** The deployment's configuration, read once from the environment and validated at boot. */
export interface Config {
  /** TCP port to listen on; 0 picks a free one (tests, benchmarks). */
  port: number;
  /** Interface to bind; 127.0.0.1 keeps a laptop install off the network by default. */
  host: string;
  /** A PostgreSQL server; when absent the embedded engine (PGlite) runs under dataDir. */
  databaseUrl: string | undefined;
  /** Embedded database, media and the local keyring live here. */
  dataDir: string;
  /** The region this deployment belongs to; its data, backups and keys never leave it. */
  region: string;
  /** The address users reach; https here turns on Secure cookies and HSTS. */
  publicUrl: URL;
  /** Outgoing mail relay; absent means mail is logged without its body. */
  smtpUrl: URL | undefined;
  /** The sender address of our mail; defaults to no-reply at PUBLIC_URL's host. */
  mailFrom: string;
  /** How text messages leave us: the log (the default; nothing is sent) or a Twilio-compatible API. */
  sms: SmsConfig;
  /** 32-byte master key; absent means a keyring file under dataDir is used (created if missing). */
  masterKey: Buffer | undefined;
  /**
   * Master keys being rotated away from (MASTER_KEY_PREVIOUS): they only unwrap, until `keys rotate`
   * has re-wrapped everything under masterKey and reports done; then the operator removes them.
   */
  previousMasterKeys: Buffer[];
  /** Which proxies to believe for the client address (audit and throttling use it): a hop count or addresses. */
  trustProxy: boolean | number | string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Every region's deployment the patient app offers (code → public URL), this one included: a patient
   * picks their region first, so their code is only ever sent to the deployment that holds it.
   */
  regions: { code: string; url: URL }[];
  /** Largest image upload (JPEG, PNG, WebP) in bytes; bigger ones are refused with 413 while they arrive. */
  mediaMaxImageBytes: number;
  /** Largest video upload (MP4, WebM) in bytes; media are kept encrypted under dataDir/media. */
  mediaMaxVideoBytes: number;
  /**
   * The register of outside processors the operator has engaged (PROCESSORS: JSON, or a JSON file's
   * path), empty by default; practices also see the SMTP relay and SMS gateway unless listed here.
   */
  processors: Processor[];
  /** Days between an owner closing the practice and its erasure; they can cancel until then. */
  practiceClosureGraceDays: number;
  /**
   * Where `backup create` writes archives by default (BACKUP_DIR): a second location (another disk or
   * a mounted share in this region), declared for this region by the first archive written there.
   */
  backupDir: string | undefined;
  /**
   * The backup location (BACKUP_DIR): that directory, or an S3-compatible bucket when BACKUP_DIR is
   * s3://bucket/prefix (with BACKUP_S3_*). The archives of PostgreSQL's continuous archiving go there.
   */
  backupLocation: BackupLocation | undefined;
  /** The daily backup into backupDir: its time (BACKUP_TIME, UTC, or off) and how many archives it keeps. */
  backupJob: BackupJobConfig;
  /**
   * How long data is kept before the daily retention job deletes it (RETENTION_* variables, see
   * docs/operations.md): failed sign-ins and technical records 12 months, audit 6 years, billing 7,
   * health records per the practice's country counted from the client's last activity (else 10 years).
   */
  retention: RetentionPolicy;
}

/** The SMS provider: the log by default, or Twilio's REST API (or one that speaks its form). */
export type SmsConfig =
  | { provider: 'log' }
  | {
      provider: 'twilio';
      /** Where the API is: https://api.twilio.com unless pointed elsewhere (a compatible provider, a test). */
      apiUrl: URL;
      accountSid: string;
      /** A secret: never logged. */
      authToken: string;
      /** The sender: a number in E.164 or an alphanumeric sender id; or else the messaging service. */
      from: string | undefined;
      messagingServiceSid: string | undefined;
    };

export type Environment = Record<string, string | undefined>;

/** Raised at boot when the environment holds a value we cannot run with. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Values come from shells, .env files and orchestrators: surrounding whitespace is never meant, and a
// blank value means unset (a PORT of "  " must not become port 0, a random port).
const blankToUndefined = (value: unknown) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
  .transform(Number)
  .refine((value) => value <= 65535, 'must be a whole number from 0 to 65535');

// proxy-addr (Fastify's trustProxy) accepts addresses, CIDR ranges and these names; anything else
// would throw an obscure error while the app is built instead of a ConfigError here.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (entry: string) => {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (isIP(prefix) === 4) return family === 4;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};
const trustProxy = z
  .string()
  .refine(
    (value) =>
      /^(true|false|\d+)$/.test(value) || value.split(',').every((entry) => isProxyAddress(entry.trim())),
    'must be true, false, a hop count or a comma-separated list of proxy addresses or CIDR ranges',
  );

const base64Key = z.string().transform((value, ctx) => {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value.replace(/\s/g, '')) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' });
    return z.NEVER;
  }
  return key;
});

// One or more keys, comma separated: a rotation can still be finishing when the next one starts.
const base64Keys = z.string().transform((value, ctx) => {
  const keys: Buffer[] = [];
  for (const part of value.split(',').map((entry) => entry.trim())) {
    const parsed = base64Key.safeParse(part);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be one or more base64 32-byte keys, separated by commas',
      });
      return z.NEVER;
    }
    keys.push(parsed.data);
  }
  return keys;
});

const url = (protocols: string[]) =>
  z.string().transform((value, ctx) => {
    try {
      const parsed = new URL(value);
      if (protocols.includes(parsed.protocol)) return parsed;
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({
      code: 'custom',
      message: `must be a URL starting with ${protocols.map((protocol) => `${protocol}//`).join(' or ')}`,
    });
    return z.NEVER;
  });

const MiB = 1024 * 1024;
// Upload limits: whole bytes, at least 1 KiB (smaller could not hold a real image) and at most 4 GiB.
const byteCount = z
  .string()
  .regex(/^\d{1,10}$/, 'must be a whole number of bytes')
  .transform(Number)
  .refine((value) => value >= 1024 && value <= 4096 * MiB, 'must be from 1024 to 4294967296 bytes');

// The account id goes into the request path: letters, digits and dashes only (Twilio's are AC + 32 hex).
const accountSid = z
  .string()
  .regex(/^[A-Za-z0-9-]{2,64}$/, 'must be the account SID (AC followed by 32 hex digits)');
const messagingServiceSid = z
  .string()
  .regex(/^MG[0-9a-fA-F]{32}$/, 'must be a messaging service SID (MG followed by 32 hex digits)');
// A number in E.164, or an alphanumeric sender id (up to 11 letters, digits or spaces, at least one letter).
const smsSender = z
  .string()
  .refine(
    (value) => /^\+[1-9]\d{6,14}$/.test(value) || /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(value),
    'must be a phone number in E.164 form (+441234567890) or an alphanumeric sender id of up to 11 characters',
  );
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// The auth token travels in every request: plain http only to this machine (a test's loopback server).
const smsApiUrl = url(['https:', 'http:']).refine(
  (value) => value.protocol === 'https:' || LOOPBACK_HOSTS.has(value.hostname),
  'must be an https:// URL (http:// only on loopback)',
);

const regionCode = z
  .string()
  .regex(/^[a-z]{2}(-[a-z0-9]{1,12})?$/, 'must be a lowercase region code such as eu, us, uk or au');

// "eu=https://eu.example.org,us=https://us.example.org": each other region's deployment, by its public URL.
const regionList = z.string().transform((value, context) => {
  const regions: { code: string; url: URL }[] = [];
  for (const pair of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [code = '', address = ''] = pair.split(/=(.*)/s, 2).map((part) => part.trim());
    const url = URL.canParse(address) ? new URL(address) : undefined;
    if (!regionCode.safeParse(code).success || !url || !['http:', 'https:'].includes(url.protocol)) {
      context.addIssue({
        code: 'custom',
        message: 'must list region=https://url pairs, separated by commas',
      });
      return z.NEVER;
    }
    regions.push({ code, url });
  }
  return regions;
});

const environmentSchema = z.object({
  PORT: z.preprocess(blankToUndefined, port.default(3000)),
  HOST: z.preprocess(blankToUndefined, z.string().min(1).default('127.0.0.1')),
  DATABASE_URL: z.preprocess(blankToUndefined, url(['postgres:', 'postgresql:']).optional()),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().min(1).default('./data')),
  BACKUP_DIR: z.preprocess(blankToUndefined, z.string().min(1).optional()),
  REGION: z.preprocess(blankToUndefined, regionCode.default('eu')),
  REGIONS: z.preprocess(blankToUndefined, regionList.optional()),
  PUBLIC_URL: z.preprocess(blankToUndefined, url(['http:', 'https:']).optional()),
  SMTP_URL: z.preprocess(blankToUndefined, url(['smtp:', 'smtps:']).optional()),
  MAIL_FROM: z.preprocess(blankToUndefined, z.email('must be an email address').optional()),
  MASTER_KEY: z.preprocess(blankToUndefined, base64Key.optional()),
  MASTER_KEY_PREVIOUS: z.preprocess(blankToUndefined, base64Keys.optional()),
  TRUST_PROXY: z.preprocess(blankToUndefined, trustProxy.optional()),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  MEDIA_MAX_IMAGE_BYTES: z.preprocess(blankToUndefined, byteCount.default(10 * MiB)),
  MEDIA_MAX_VIDEO_BYTES: z.preprocess(blankToUndefined, byteCount.default(200 * MiB)),
  // At least a day (an owner must be able to change their mind), at most a year.
  PRACTICE_CLOSURE_GRACE_DAYS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,3}$/, 'must be a whole number of days from 1 to 365')
      .transform(Number)
      .refine((value) => value >= 1 && value <= 365, 'must be a whole number of days from 1 to 365')
      .default(30),
  ),
  SMS_PROVIDER: z.preprocess(blankToUndefined, z.enum(['log', 'twilio']).default('log')),
  SMS_FROM: z.preprocess(blankToUndefined, smsSender.optional()),
  TWILIO_ACCOUNT_SID: z.preprocess(blankToUndefined, accountSid.optional()),
  TWILIO_AUTH_TOKEN: z.preprocess(blankToUndefined, z.string().optional()),
  TWILIO_MESSAGING_SERVICE_SID: z.preprocess(blankToUndefined, messagingServiceSid.optional()),
  TWILIO_API_URL: z.preprocess(blankToUndefined, smsApiUrl.default(new URL('https://api.twilio.com'))),
  PROCESSORS: z.preprocess(blankToUndefined, z.string().optional()),
});

/** Problems of settings that only make sense together, named by the variable that is missing. */
function smsProblems(values: z.infer<typeof environmentSchema>): string[] {
  if (values.SMS_PROVIDER !== 'twilio') return [];
  const problems: string[] = [];
  if (!values.TWILIO_ACCOUNT_SID) problems.push('TWILIO_ACCOUNT_SID is required when SMS_PROVIDER is twilio');
  if (!values.TWILIO_AUTH_TOKEN) problems.push('TWILIO_AUTH_TOKEN is required when SMS_PROVIDER is twilio');
  if (!values.SMS_FROM && !values.TWILIO_MESSAGING_SERVICE_SID)
    problems.push('SMS_FROM (or TWILIO_MESSAGING_SERVICE_SID) is required when SMS_PROVIDER is twilio');
  return problems;
}

function smsConfig(values: z.infer<typeof environmentSchema>): SmsConfig {
  if (values.SMS_PROVIDER === 'log') return { provider: 'log' };
  return {
    provider: 'twilio',
    apiUrl: values.TWILIO_API_URL,
    accountSid: values.TWILIO_ACCOUNT_SID ?? '',
    authToken: values.TWILIO_AUTH_TOKEN ?? '',
    from: values.SMS_FROM,
    messagingServiceSid: values.TWILIO_MESSAGING_SERVICE_SID,
  };
}

/** Reads and validates the environment; the only place in the server that looks at process.env. */
export function loadConfig(env: Environment = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    // Never echo the offending value: MASTER_KEY or DATABASE_URL can carry secrets.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const values = parsed.data;
  const register = parseProcessorRegister(values.PROCESSORS);
  // Read from env directly: RETENTION_HEALTH_YEARS_<country> names are open-ended, not in the schema.
  const retention = parseRetentionPolicy(env);
  const backupJob = parseBackupJob(env);
  const backupLocation = parseBackupLocation(env);
  const problems = [
    ...smsProblems(values),
    ...register.problems,
    ...retention.problems,
    ...backupJob.problems,
    ...backupLocation.problems,
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  const publicUrl = values.PUBLIC_URL ?? new URL(`http://localhost:${values.PORT}`);
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL?.toString(),
    dataDir: path.resolve(values.DATA_DIR),
    region: values.REGION,
    publicUrl,
    smtpUrl: values.SMTP_URL,
    mailFrom:
      values.MAIL_FROM ??
      `no-reply@${publicUrl.hostname === 'localhost' ? 'localhost.localdomain' : publicUrl.hostname}`,
    sms: smsConfig(values),
    masterKey: values.MASTER_KEY,
    previousMasterKeys: values.MASTER_KEY_PREVIOUS ?? [],
    trustProxy: parseTrustProxy(values.TRUST_PROXY),
    logLevel: values.LOG_LEVEL,
    regions: withThisRegion(values.REGIONS ?? [], values.REGION, publicUrl),
    mediaMaxImageBytes: values.MEDIA_MAX_IMAGE_BYTES,
    mediaMaxVideoBytes: values.MEDIA_MAX_VIDEO_BYTES,
    processors: register.processors,
    practiceClosureGraceDays: values.PRACTICE_CLOSURE_GRACE_DAYS,
    backupDir: backupLocation.location?.kind === 'directory' ? backupLocation.location.directory : undefined,
    backupLocation: backupLocation.location,
    backupJob: backupJob.job,
    retention: retention.policy,
  };
}

/** The configured regions with this deployment's own, at its public URL, whatever the list says of it. */
function withThisRegion(regions: { code: string; url: URL }[], region: string, publicUrl: URL) {
  const others = regions.filter((entry) => entry.code !== region);
  return [{ code: region, url: publicUrl }, ...others].sort((a, b) => a.code.localeCompare(b.code));
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

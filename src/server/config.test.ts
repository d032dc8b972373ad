import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, type Environment, loadConfig } from './config.js';

/** The ConfigError that loading env raises; fails the test when loading succeeds. */
function configErrorFor(env: Environment): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${Object.keys(env).join(', ')}`);
}

describe('configuration defaults', () => {
  it('listens on 127.0.0.1:3000 in region eu when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', region: 'eu', logLevel: 'info' });
  });

  it('runs the embedded engine under ./data resolved to an absolute path', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('derives the public URL from the port when PUBLIC_URL is unset', () => {
    expect(loadConfig({}).publicUrl.href).toBe('http://localhost:3000/');
    expect(loadConfig({ PORT: '8080' }).publicUrl.href).toBe('http://localhost:8080/');
  });

  it('leaves mail, master key and proxies off when unset', () => {
    const config = loadConfig({});
    expect(config.smtpUrl).toBeUndefined();
    expect(config.masterKey).toBeUndefined();
    expect(config.trustProxy).toBe(false);
  });
});

describe('configuration values', () => {
  it('reads every variable it documents', () => {
    const key = randomBytes(32);
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://rehabit@db.internal:5432/rehabit',
      DATA_DIR: '/var/lib/rehabit',
      REGION: 'us-east1',
      PUBLIC_URL: 'https://rehab.example.org',
      SMTP_URL: 'smtps://mail.example.org:465',
      MASTER_KEY: key.toString('base64'),
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://rehabit@db.internal:5432/rehabit',
      dataDir: '/var/lib/rehabit',
      region: 'us-east1',
      logLevel: 'warn',
    });
    expect(config.publicUrl.origin).toBe('https://rehab.example.org');
    expect(config.smtpUrl?.host).toBe('mail.example.org:465');
    expect(config.masterKey?.equals(key)).toBe(true);
  });

  it('treats blank and whitespace-only values as unset', () => {
    const config = loadConfig({
      PORT: '',
      HOST: '  ',
      DATABASE_URL: '',
      REGION: ' ',
      PUBLIC_URL: '',
      MASTER_KEY: '\n',
      TRUST_PROXY: '',
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', region: 'eu', trustProxy: false });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.masterKey).toBeUndefined();
  });

  it('ignores whitespace around a value', () => {
    expect(loadConfig({ PORT: ' 4000\n', REGION: ' uk ' })).toMatchObject({ port: 4000, region: 'uk' });
  });

  it.each([
    ['false', false],
    ['true', true],
    ['2', 2],
    ['0', 0],
    ['10.0.0.1', '10.0.0.1'],
    ['10.0.0.1, 10.0.0.2', '10.0.0.1, 10.0.0.2'],
    ['10.0.0.0/8,fd00::/8', '10.0.0.0/8,fd00::/8'],
    ['loopback, uniquelocal', 'loopback, uniquelocal'],
  ])('reads TRUST_PROXY %j as %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });
});

describe('regions for the patient app', () => {
  it('offers only this deployment, at its public URL, when REGIONS is unset', () => {
    const { regions } = loadConfig({ REGION: 'uk', PUBLIC_URL: 'https://uk.rehabit.example' });
    expect(regions.map((r) => [r.code, r.url.href])).toEqual([['uk', 'https://uk.rehabit.example/']]);
  });

  it('lists the other regions in code order and keeps this one at its own public URL', () => {
    const { regions } = loadConfig({
      REGION: 'eu',
      PUBLIC_URL: 'https://eu.rehabit.example',
      REGIONS:
        ' us=https://us.rehabit.example , eu=https://elsewhere.example,au=https://au.rehabit.example/app',
    });
    expect(regions.map((r) => [r.code, r.url.href])).toEqual([
      ['au', 'https://au.rehabit.example/app'],
      ['eu', 'https://eu.rehabit.example/'],
      ['us', 'https://us.rehabit.example/'],
    ]);
  });
});

describe('configuration errors', () => {
  it.each([
    ['PORT', 'abc', 'PORT must be a whole number from 0 to 65535'],
    ['PORT', '70000', 'PORT must be a whole number from 0 to 65535'],
    ['PORT', '-1', 'PORT must be a whole number from 0 to 65535'],
    ['PORT', '1e3', 'PORT must be a whole number from 0 to 65535'],
    ['REGION', 'Europe!', 'REGION must be a lowercase region code'],
    ['PUBLIC_URL', 'rehab.example.org', 'PUBLIC_URL must be a URL starting with http:// or https://'],
    ['SMTP_URL', 'http://mail', 'SMTP_URL must be a URL starting with smtp:// or smtps://'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL'],
    ['REGIONS', 'us', 'REGIONS must list region=https://url pairs'],
    ['REGIONS', 'US=https://us.example.org', 'REGIONS must list region=https://url pairs'],
    ['REGIONS', 'us=ftp://us.example.org', 'REGIONS must list region=https://url pairs'],
    ['TRUST_PROXY', 'yes', 'TRUST_PROXY must be true, false, a hop count'],
    ['TRUST_PROXY', '1.2.3.4.5', 'TRUST_PROXY must be true, false, a hop count'],
    ['TRUST_PROXY', '10.0.0.0/33', 'TRUST_PROXY must be true, false, a hop count'],
  ])('refuses %s=%j, naming the variable and what it expects', (name, value, expected) => {
    const error = configErrorFor({ [name]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(expected);
    expect(error.message).toContain(expected);
  });

  it('refuses a DATABASE_URL of another engine without repeating it', () => {
    const value = 'mysql://admin:s3cret-db-password@db.internal/rehabit';
    const error = configErrorFor({ DATABASE_URL: value });
    expect(error.problems).toEqual(['DATABASE_URL must be a URL starting with postgres:// or postgresql://']);
    expect(error.message).not.toContain('s3cret-db-password');
    expect(error.message).not.toContain('db.internal');
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['not base64', `not*base64*${randomBytes(24).toString('hex')}`],
  ])('refuses a MASTER_KEY of %s without repeating it', (_label, value) => {
    const error = configErrorFor({ MASTER_KEY: value });
    expect(error.problems).toEqual([
      'MASTER_KEY must be 32 random bytes in base64 (openssl rand -base64 32)',
    ]);
    expect(error.message).not.toContain(value);
    expect(JSON.stringify(error)).not.toContain(value);
  });

  it('reports every problem at once', () => {
    const error = configErrorFor({
      PORT: 'abc',
      REGION: 'Europe!',
      DATABASE_URL: 'mysql://x',
      MASTER_KEY: 'short',
    });
    expect(error.problems.map((problem) => problem.split(' ')[0]).sort()).toEqual([
      'DATABASE_URL',
      'MASTER_KEY',
      'PORT',
      'REGION',
    ]);
    expect(error.message.split('\n')).toHaveLength(5);
  });

  it('is a ConfigError named as such', () => {
    const error = configErrorFor({ PORT: 'abc' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^Invalid configuration:\n {2}- PORT /);
  });
});

describe('the daily backup', () => {
  it('runs at 03:00 UTC and keeps 14 archives unless told otherwise', () => {
    expect(loadConfig({}).backupJob).toEqual({ cron: '0 3 * * *', keep: 14 });
  });

  it('reads BACKUP_TIME as a UTC time of day (or off) and BACKUP_KEEP as a count', () => {
    expect(loadConfig({ BACKUP_TIME: '23:45', BACKUP_KEEP: '30' }).backupJob).toEqual({
      cron: '45 23 * * *',
      keep: 30,
    });
    expect(loadConfig({ BACKUP_TIME: '4:05' }).backupJob.cron).toBe('5 4 * * *');
    expect(loadConfig({ BACKUP_TIME: 'off' }).backupJob.cron).toBeUndefined();
    expect(loadConfig({ BACKUP_KEEP: '1' }).backupJob.keep).toBe(1);
  });

  it('refuses a time that is not one, and fewer than one archive to keep, naming the variable', () => {
    for (const time of ['24:00', '3pm', '03:60', '0300'])
      expect(configErrorFor({ BACKUP_TIME: time }).problems).toEqual([
        'BACKUP_TIME must be a time of day in UTC as HH:MM (e.g. 03:00), or off',
      ]);
    for (const keep of ['0', '-1', 'all', '2.5', '10000'])
      expect(configErrorFor({ BACKUP_KEEP: keep }).problems).toEqual([
        'BACKUP_KEEP must be a whole number of archives from 1 to 9999',
      ]);
  });
});

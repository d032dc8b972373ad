import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBackupStore, parseBackupLocation } from './location.config.js';

const KEYS = { BACKUP_S3_ACCESS_KEY_ID: 'AKIDEXAMPLE', BACKUP_S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-secret' };

describe('The backup location setting', () => {
  it('is absent when BACKUP_DIR is unset', () => {
    expect(parseBackupLocation({})).toEqual({ location: undefined, problems: [] });
  });

  it('takes a path as a directory, made absolute', () => {
    const { location, problems } = parseBackupLocation({ BACKUP_DIR: 'backups' });
    expect(problems).toEqual([]);
    expect(location).toEqual({ kind: 'directory', directory: path.resolve('backups') });
    expect(location && openBackupStore(location).description).toBe(`directory ${path.resolve('backups')}`);
  });

  it('takes s3://bucket/prefix with an endpoint, addressing the bucket in the path by default', () => {
    const { location, problems } = parseBackupLocation({
      BACKUP_DIR: 's3://rehabit-backups/eu/main/',
      BACKUP_S3_ENDPOINT: 'https://s3.example.org:9000/',
      ...KEYS,
    });
    expect(problems).toEqual([]);
    expect(location).toEqual({
      kind: 's3',
      s3: {
        bucket: 'rehabit-backups',
        prefix: 'eu/main',
        endpoint: 'https://s3.example.org:9000',
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI-secret' },
      },
    });
    expect(location && openBackupStore(location).description).toBe(
      's3://rehabit-backups/eu/main at https://s3.example.org:9000',
    );
  });

  it('addresses AWS buckets by host name unless told otherwise', () => {
    const aws = parseBackupLocation({
      BACKUP_DIR: 's3://rehabit-backups',
      BACKUP_S3_REGION: 'eu-central-1',
      ...KEYS,
    });
    expect(aws.location).toMatchObject({ s3: { prefix: '', region: 'eu-central-1', forcePathStyle: false } });
    const told = parseBackupLocation({
      BACKUP_DIR: 's3://rehabit-backups',
      BACKUP_S3_ENDPOINT: 'http://127.0.0.1:9000',
      BACKUP_S3_FORCE_PATH_STYLE: 'false',
      ...KEYS,
    });
    expect(told.location).toMatchObject({ s3: { forcePathStyle: false } });
  });

  it('names each bad S3 setting without echoing any value', () => {
    const { location, problems } = parseBackupLocation({
      BACKUP_DIR: 's3://Bad_Bucket/../x',
      BACKUP_S3_ENDPOINT: 'https://user:hunter2@s3.example.org',
      BACKUP_S3_REGION: 'eu central',
      BACKUP_S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-secret',
      BACKUP_S3_FORCE_PATH_STYLE: 'maybe',
    });
    expect(location).toBeUndefined();
    expect(problems).toEqual([
      'BACKUP_DIR as s3://bucket/prefix needs a valid bucket name and prefix parts without ".."',
      'BACKUP_S3_ENDPOINT must be an http(s) URL without user, password, query or fragment',
      'BACKUP_S3_REGION must be a region name such as eu-central-1',
      'BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY must be set for an s3:// BACKUP_DIR',
      'BACKUP_S3_FORCE_PATH_STYLE must be true or false',
    ]);
    expect(problems.join(' ')).not.toMatch(/hunter2|wJalr|Bad_Bucket|maybe/);
  });

  it('refuses S3 settings beside a directory, and addresses of other kinds', () => {
    expect(parseBackupLocation({ BACKUP_DIR: '/srv/backups', ...KEYS }).problems).toEqual([
      'BACKUP_S3_ACCESS_KEY_ID, BACKUP_S3_SECRET_ACCESS_KEY apply only when BACKUP_DIR is an s3:// address',
    ]);
    expect(parseBackupLocation({ BACKUP_DIR: 'gs://bucket/x' })).toEqual({
      location: undefined,
      problems: ['BACKUP_DIR must be a directory or an s3://bucket/prefix address'],
    });
  });
});

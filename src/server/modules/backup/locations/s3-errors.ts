import { BackupError } from '../backup-error.js';

// S3 errors can carry the request's string-to-sign, the access key id or a server's free text: a
// message of ours names the location, the action, the key and the error's code, and nothing else.

interface S3LikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The S3 error code (NoSuchKey, AccessDenied, …), or the network error's code (ECONNREFUSED). */
export function s3ErrorName(error: unknown): string {
  // Network errors keep their errno code (the SDK adds $metadata to them too); S3's name the code.
  const value = (error ?? {}) as S3LikeError;
  return value.code ?? value.name ?? 'UnknownError';
}

/** The failure of one request to the backup location, worded for the operator. */
export function s3Failure(description: string, action: string, key: string, error: unknown): BackupError {
  const status = (error as S3LikeError | undefined)?.$metadata?.httpStatusCode;
  const code = `${s3ErrorName(error)}${status ? ` (HTTP ${status})` : ''}`;
  return new BackupError(`The backup location (${description}) failed ${action} of ${key}: ${code}.`);
}

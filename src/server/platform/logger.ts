import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from '../config.js';
import { AppError } from './errors.js';

export type { Logger };

/**
 * Field names that may carry personal or health data wherever they appear in a log object.
 * Logging those objects at all is a mistake; redaction is the net under it.
 */
// biome-ignore format: a list of names reads better packed than one per line
const SENSITIVE_KEYS = [
  'password', 'currentPassword', 'newPassword', 'email', 'mobile', 'phone', 'firstName', 'lastName',
  'name', 'address', 'yearOfBirth', 'diagnosisCode', 'nationalId', 'accessCode', 'totpCode',
  'secret', 'token', 'body', 'comment', 'answers', 'notes', 'title', 'description', 'query',
  'q', 'authorization', 'cookie', 'set-cookie', 'csrfToken', 'recoveryCodes',
];

const redactPaths = SENSITIVE_KEYS.flatMap((key) => {
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (safe.startsWith('[') ? `${prefix}${safe}` : `${prefix}.${safe}`);
  return [safe.startsWith('[') ? safe.slice(2, -2) : safe, join('*'), join('*.*'), join('*.*.*')];
});

interface LoggableRequest {
  id: string;
  method: string;
  url: string;
  ip?: string;
}

/** Logs the route, never the query string: search terms and names travel there. */
const serializeRequest = (request: LoggableRequest) => ({
  id: request.id,
  method: request.method,
  path: request.url.split('?')[0],
  ip: request.ip,
});

// A V8 frame: "at fn (file:1:2)", "at file:1:2", "at async fn (…)", "at new X (…)", "at <anonymous>".
const FRAME = /^at (?:.+ \()?(?:.+:\d+:\d+|<anonymous>|native)\)?$/;

/**
 * The stack's frames only. The stack starts with the message, and a message quoting a value can hold
 * lines that look like frames ("…\nat home it hurts"), so the message is cut off before filtering.
 */
const stackFrames = (error: Error) => {
  let stack = error.stack;
  if (stack === undefined) return undefined;
  const messageAt = error.message ? stack.indexOf(error.message) : -1;
  if (messageAt >= 0) stack = stack.slice(messageAt + error.message.length);
  return stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => FRAME.test(line));
};

/**
 * Errors are logged by kind, code and stack frames. Messages are kept only where we know their
 * author: database and driver messages quote values ("Key (email)=(…)", "params: …", JSON snippets).
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const withCode = error as Error & { code?: unknown; statusCode?: unknown; syscall?: unknown };
  const cause = (error as { cause?: unknown }).cause;
  const databaseError = cause instanceof Error && 'severity' in cause ? cause : error;
  const database = databaseError as Error & { code?: unknown; constraint?: unknown; table?: unknown };
  const isDatabaseError = 'severity' in databaseError;
  const trusted =
    error instanceof AppError ||
    (typeof withCode.code === 'string' && withCode.code.startsWith('FST_')) ||
    typeof withCode.syscall === 'string';
  return {
    type: error.name,
    code: isDatabaseError ? database.code : withCode.code,
    statusCode: withCode.statusCode,
    ...(isDatabaseError ? { constraint: database.constraint, table: database.table } : {}),
    message: trusted ? error.message : '[withheld: may quote data]',
    stack: stackFrames(error),
  };
}

/** The process logger: JSON lines, with personal and health fields redacted. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { req: serializeRequest, err: serializeError, error: serializeError },
      base: { service: 'rehabit' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** One problem with one field, as the server names it in a 400 `validation_failed`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An error answer of the API (`{"error": {code, message, details?}}`), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    /** Seconds, from Retry-After on 429 answers. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// The CSRF token of the current session: kept in memory only, refreshed on every sign-in and reload.
let csrfToken: string | undefined;

/** Remembers the CSRF token a sign-in or `GET /api/v1/auth/session` answered. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The current CSRF token, for the few calls that cannot go through `api` (multipart uploads). */
export function getCsrfToken(): string | undefined {
  return csrfToken;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Calls the API with the session cookie, the CSRF token on unsafe methods and a JSON body; answers
 * the parsed JSON (undefined for 204) or throws an ApiError with the server's code and message.
 */
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (response.ok) return parsed as T;
  const error = (parsed as { error?: { code?: string; message?: string; details?: FieldProblem[] } })?.error;
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ApiError(
    response.status,
    error?.code ?? 'unexpected',
    error?.message ?? `The server answered ${response.status}.`,
    error?.details ?? [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The message of a field problem, for a form input's `error` prop. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.details.find((problem) => problem.field === field)?.message;
}

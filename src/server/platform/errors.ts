/** One problem with one input field, named by its path (e.g. "items.0.sets"). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An error meant for the caller: a stable snake_case code, an HTTP status and a message for a person.
 * Messages must never contain personal or health data; they are logged and returned as they are.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly details?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message = 'Nothing was found at this address.') =>
  new AppError('not_found', 404, message);

export const validationFailed = (details: FieldProblem[]) =>
  new AppError('validation_failed', 400, 'Some fields need attention.', details);

export const conflict = (code: string, message: string) => new AppError(code, 409, message);

export const unavailable = (message = 'The service is not ready yet. Please try again shortly.') =>
  new AppError('unavailable', 503, message);

import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldProblem } from '../errors.js';

/** The error body of API.md, used as the response schema of every 4xx/5xx in the OpenAPI document. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('snake_case, stable'),
      message: z.string().describe('for a person; never contains personal or health data'),
      details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .describe('Error');

// Fastify's own client errors, mapped into our vocabulary.
const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid_json',
    message: 'The request body is empty but JSON was declared.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'This content type is not accepted here.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'invalid_request',
    message: 'The request has a wrong Content-Length.',
  },
  FST_ERR_RATE_LIMIT: { code: 'rate_limited', message: 'Too many requests. Please wait and try again.' },
};

function send(status: number, code: string, message: string, details?: FieldProblem[]) {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

function toResponse(error: FastifyError | Error) {
  if (error instanceof AppError) return send(error.statusCode, error.code, error.message, error.details);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      field:
        issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || error.validationContext || 'request',
      message: issue.message ?? 'is not valid',
    }));
    return send(400, 'validation_failed', 'Some fields need attention.', details);
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  const status = fastifyError.statusCode ?? 500;
  if (known) return send(status, known.code, known.message);
  // @fastify/rate-limit throws its own object, with only the status to go by.
  if (status === 429) return send(429, 'rate_limited', 'Too many requests. Please wait and try again.');
  if (status >= 400 && status < 500)
    return send(status, 'invalid_request', 'The request could not be understood.');
  return send(
    500,
    'internal_error',
    'Something went wrong on our side. It has been logged; please try again.',
  );
}

/** One mapping from errors to API.md's error shape. 5xx texts are never shown; stacks never leave the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const { status, body } = toResponse(error);
    if (status >= 500 || isResponseSerializationError(error))
      request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.error.code, status }, 'request refused');
    if (error instanceof AppError && error.headers) void reply.headers(error.headers);
    return reply.status(status).send(body);
  });
}

import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { safeEqual } from '../crypto/secrets.js';
import { AppError } from '../errors.js';

export type Role = 'owner' | 'practitioner' | 'front_desk';

/** Who is calling. Set once per request from the session cookie or a bearer key; never from the body. */
export type Principal =
  | {
      kind: 'practitioner';
      practitionerId: string;
      practiceId: string;
      role: Role;
      sessionId: string;
      /** The practice requires a second factor and this member has none yet: only enrolment is open. */
      mfaSetupRequired: boolean;
    }
  | { kind: 'api_key'; apiKeyId: string; practiceId: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The route stays open to a member who must still set up a second factor (enrolment, sign-out). */
    allowDuringMfaSetup?: boolean;
  }
}

export interface AuthContextOptions {
  publicUrl: URL;
  /** The session behind a cookie's token, or undefined when it is unknown, ended or expired. */
  resolveSession(token: string, request: FastifyRequest): Promise<Principal | undefined>;
  resolveApiKey(key: string, request: FastifyRequest): Promise<Principal | undefined>;
  /** The CSRF token bound to a session token (derived, so nothing extra is stored). */
  csrfTokenFor(sessionToken: string): string;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const unauthenticated = () => new AppError('unauthenticated', 401, 'Please sign in to continue.');
export const forbidden = (message = 'Your role does not allow this.') =>
  new AppError('forbidden', 403, message);

/** Cookie name and attributes of API.md: __Host- and Secure over HTTPS, HttpOnly, SameSite=Lax. */
export function sessionCookie(publicUrl: URL) {
  const secure = publicUrl.protocol === 'https:';
  return {
    name: secure ? '__Host-rehabit_session' : 'rehabit_session',
    options: { path: '/', httpOnly: true, secure, sameSite: 'lax' as const },
  };
}

/** Reads who is calling on every request and enforces CSRF for cookie-authenticated unsafe methods. */
export async function registerAuthContext(app: FastifyInstance, options: AuthContextOptions) {
  await app.register(cookie);
  const { name } = sessionCookie(options.publicUrl);

  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    // The patient app authenticates by its bearer token alone, read by its module: a practitioner's
    // cookie in the same browser neither signs it in nor makes its requests subject to CSRF.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/v1/patient/')) return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (bearer) {
      const principal = await options.resolveApiKey(bearer[1] as string, request);
      if (!principal) throw new AppError('invalid_api_key', 401, 'This API key is not valid or was revoked.');
      request.principal = principal;
      return;
    }
    const token = request.cookies[name];
    if (!token) return;
    const principal = await options.resolveSession(token, request);
    if (!principal) return;
    if (UNSAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, options.csrfTokenFor(token))) {
        throw new AppError(
          'csrf_failed',
          403,
          'The request was refused: the security token is missing or wrong. Reload the page and try again.',
        );
      }
    }
    request.principal = principal;
  });
  app.addHook('preHandler', async (request) => {
    const principal = request.principal;
    if (
      principal?.kind === 'practitioner' &&
      principal.mfaSetupRequired &&
      !request.routeOptions.config.allowDuringMfaSetup
    ) {
      throw new AppError(
        'mfa_setup_required',
        403,
        'Your practice requires two-step sign-in. Set up an authenticator app or a passkey to continue.',
      );
    }
  });
}

/** The signed-in practitioner, or 401. */
export function requirePractitioner(request: FastifyRequest, roles?: readonly Role[]) {
  const principal = request.principal;
  if (principal?.kind !== 'practitioner') throw unauthenticated();
  if (roles && !roles.includes(principal.role)) throw forbidden();
  return principal;
}

/** Any caller of a practice: a signed-in practitioner or an API key. */
export function requirePracticeCaller(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

/** The request's origin for the audit trail. */
export const requestOrigin = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestOrigin, sessionCookie, unauthenticated } from '../../platform/auth-context/auth-context.js';
import type { PracticesService } from '../practices/practices.service.js';
import type { AccountService } from './account.service.js';
import {
  practiceSchema,
  resetConfirmBody,
  signedInSchema,
  signInBody,
  signUpBody,
  tokenBody,
} from './auth.schema.js';
import type { AuthService, SignedIn } from './auth.service.js';
import { SESSION_ABSOLUTE_MS } from './sessions.service.js';

export interface AuthRoutesOptions {
  auth: AuthService;
  account: AccountService;
  practices: PracticesService;
  publicUrl: URL;
}

const tags = ['auth'];
// Routes that create accounts or send mail to an address someone types: a brake on floods and mail bombs.
const signUpLimit = { rateLimit: { max: 50, timeWindow: '1 hour' } };
const mailLimit = { rateLimit: { max: 10, timeWindow: '15 minutes' } };

/** Sets the session cookie of a fresh sign-in and answers what API.md promises. */
export function answerSignedIn(reply: FastifyReply, publicUrl: URL, signedIn: SignedIn) {
  const cookie = sessionCookie(publicUrl);
  void reply.setCookie(cookie.name, signedIn.session.token, {
    ...cookie.options,
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
  return { practitioner: signedIn.practitioner, csrfToken: signedIn.session.csrfToken };
}

/** Sign-up, sign-in and sign-out, and the links sent by mail. Open to anonymous callers. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, options) => {
  const { auth, account, publicUrl } = options;
  const cookie = sessionCookie(publicUrl);

  app.post(
    '/api/v1/auth/signup',
    {
      config: signUpLimit,
      schema: {
        tags,
        summary: 'Create a practice and its owner, signed in',
        body: signUpBody,
        response: { 201: signedInSchema.extend({ practice: practiceSchema }) },
      },
    },
    async (request, reply) => {
      const { acceptTerms: _accepted, ...input } = request.body;
      const signedIn = await auth.signUp(input, requestOrigin(request));
      const practice = await options.practices.get(signedIn.practitioner.practiceId);
      const answer = answerSignedIn(reply, publicUrl, signedIn);
      return reply
        .status(201)
        .send({ ...answer, practice: { ...practice, createdAt: practice.createdAt.toISOString() } });
    },
  );

  app.post(
    '/api/v1/auth/sessions',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password (and a second factor)',
        body: signInBody,
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) =>
      answerSignedIn(reply, publicUrl, await auth.signIn(request.body, requestOrigin(request))),
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { allowDuringMfaSetup: true },
      schema: {
        tags,
        summary: 'The current session, for a page that reloads',
        response: { 200: signedInSchema },
      },
    },
    async (request) => {
      const principal = request.principal;
      const token = request.cookies[cookie.name];
      if (principal?.kind !== 'practitioner' || !token) throw unauthenticated();
      return {
        practitioner: await account.me({ ...principal, ...requestOrigin(request) }),
        csrfToken: auth.csrfTokenFor(token),
      };
    },
  );

  app.delete(
    '/api/v1/auth/sessions/current',
    { config: { allowDuringMfaSetup: true }, schema: { tags, summary: 'Sign out' } },
    async (request, reply) => {
      const principal = request.principal;
      if (principal?.kind === 'practitioner') {
        await account.endSession({ ...principal, ...requestOrigin(request) }, principal.sessionId);
      }
      void reply.clearCookie(cookie.name, cookie.options);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: mailLimit,
      schema: {
        tags,
        summary: 'Send a password reset link (answers the same whether the address has an account)',
        body: z.object({ email: z.string().trim().min(1).max(254) }),
      },
    },
    async (request, reply) => {
      await account.requestPasswordReset(request.body.email, requestOrigin(request));
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    { schema: { tags, summary: 'Choose a new password with a reset link', body: resetConfirmBody } },
    async (request, reply) => {
      await account.resetPassword(request.body.token, request.body.password, requestOrigin(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/email-verification',
    { schema: { tags, summary: 'Confirm an email address with its link', body: tokenBody } },
    async (request, reply) => {
      await account.verifyEmail(request.body.token, requestOrigin(request));
      return reply.status(204).send();
    },
  );
};

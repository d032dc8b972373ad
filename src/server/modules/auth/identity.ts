import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import { createAccountService } from './account.service.js';
import { authRoutes } from './auth.routes.js';
import { createAuthService } from './auth.service.js';
import { meRoutes } from './me.routes.js';
import { createMfaService } from './mfa.service.js';
import { passkeysRoutes } from './passkeys.routes.js';
import { createPasskeysService } from './passkeys.service.js';
import { createSessionsService } from './sessions.service.js';

/** The identity services (accounts, sessions, second factors), built once per app from the platform. */
export function createIdentity(platform: Platform) {
  const { transactor, cipher, audit, clock, mailer, practices, config } = platform;
  const sessions = createSessionsService({ transactor, cipher, clock });
  const mfa = createMfaService({ transactor, cipher, audit, clock });
  const passkeys = createPasskeysService({
    transactor,
    audit,
    clock,
    publicUrl: config.publicUrl,
    auth: () => auth,
  });
  const auth = createAuthService({
    transactor,
    cipher,
    audit,
    clock,
    mailer,
    practices,
    sessions,
    mfa,
    passkeys,
    publicUrl: config.publicUrl,
  });
  const account = createAccountService({
    transactor,
    cipher,
    audit,
    clock,
    mailer,
    auth,
    publicUrl: config.publicUrl,
  });
  return {
    sessions,
    mfa,
    passkeys,
    auth,
    account,
  };
}

export type Identity = ReturnType<typeof createIdentity>;

export async function registerIdentityRoutes(app: FastifyInstance, platform: Platform, identity: Identity) {
  const publicUrl = platform.config.publicUrl;
  await app.register(authRoutes, {
    auth: identity.auth,
    account: identity.account,
    practices: platform.practices,
    publicUrl,
  });
  await app.register(meRoutes, { account: identity.account, mfa: identity.mfa, publicUrl });
  await app.register(passkeysRoutes, { passkeys: identity.passkeys, account: identity.account, publicUrl });
}

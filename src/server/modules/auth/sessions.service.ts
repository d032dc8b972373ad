import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Principal } from '../../platform/auth-context/auth-context.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { hashSecret, randomToken } from '../../platform/crypto/secrets.js';
import {
  endSessionById,
  findLiveSessionByTokenHash,
  insertSession,
  type PractitionerRow,
  touchSession,
} from './accounts.repo.js';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// Writing last_seen_at on every request would turn every read into a write; a minute is fine-grained enough.
const TOUCH_EVERY_MS = 60 * 1000;

export type SecondFactor = 'totp' | 'recovery_code' | 'passkey';

export interface NewSession {
  id: string;
  token: string;
  csrfToken: string;
}

export interface SessionsService {
  /** Starts a session inside the caller's transaction (sign-in, sign-up, invitation acceptance). */
  start(
    tx: Tx,
    practitioner: PractitionerRow,
    origin: { ip?: string; userAgent?: string },
    secondFactor: SecondFactor | null,
  ): Promise<NewSession>;
  /**
   * The caller behind a cookie's token; ends a session found idle too long. `touch: false` asks
   * without counting as activity (an open socket is not the person using the workspace).
   */
  resolve(token: string, options?: { touch: boolean }): Promise<Principal | undefined>;
  csrfTokenFor(token: string): string;
}

export const hasSecondFactor = (practitioner: PractitionerRow, hasPasskey: boolean) =>
  practitioner.totpSecret !== null || hasPasskey;

export function createSessionsService(deps: {
  transactor: Transactor;
  cipher: FieldCipher;
  clock: Clock;
}): SessionsService {
  const csrfTokenFor = (token: string) => deps.cipher.blindIndex('csrf', token);
  return {
    csrfTokenFor,
    async start(tx, practitioner, origin, secondFactor) {
      const token = randomToken();
      const now = deps.clock.now();
      const id = randomUUID();
      await insertSession(tx, {
        id,
        practiceId: practitioner.practiceId,
        practitionerId: practitioner.id,
        tokenHash: hashSecret(token),
        secondFactor,
        ip: origin.ip ?? null,
        userAgent: origin.userAgent?.slice(0, 512) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      });
      return { id, token, csrfToken: csrfTokenFor(token) };
    },
    async resolve(token, options = { touch: true }) {
      const now = deps.clock.now();
      // Found by the token's hash before the practice is known, hence the system role.
      return deps.transactor.asSystem(async (tx) => {
        const found = await findLiveSessionByTokenHash(tx, hashSecret(token), now);
        if (!found) return undefined;
        const { session, practitioner } = found;
        if (practitioner.status !== 'active') return undefined;
        const idleFor = now.getTime() - session.lastSeenAt.getTime();
        if (idleFor >= SESSION_IDLE_MS) {
          await endSessionById(tx, session.id, now);
          return undefined;
        }
        if (options.touch && idleFor >= TOUCH_EVERY_MS) await touchSession(tx, session.id, now);
        return {
          kind: 'practitioner' as const,
          practitionerId: practitioner.id,
          practiceId: practitioner.practiceId,
          role: practitioner.role,
          sessionId: session.id,
          mfaSetupRequired: found.practiceRequiresMfa && !hasSecondFactor(practitioner, found.hasPasskey),
        };
      });
    },
  };
}

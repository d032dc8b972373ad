import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import { forbidden, type Principal, type Role } from '../../platform/auth-context/auth-context.js';
import type { Clock } from '../../platform/clock.js';
import { hashSecret, randomToken } from '../../platform/crypto/secrets.js';
import { notFound } from '../../platform/errors.js';
import { canManageApiKeys } from '../practices/practices.policy.js';
import {
  type ApiKeyRow,
  findActiveApiKeyByHash,
  findApiKey,
  insertApiKey,
  listActiveApiKeys,
  revokeApiKey,
  touchApiKey,
} from './api-keys.repo.js';

export const API_KEY_PREFIX = 'rhk_';
/** How much of a key lists show: "rhk_" and 8 characters (48 bits), enough to tell keys apart, useless to guess the rest. */
const SHOWN_PREFIX_LENGTH = 12;
// Writing last_used_at on every request would turn an integration's every read into a write.
const TOUCH_EVERY_MS = 60 * 1000;
// "rhk_" and 32 bytes in base64url; anything else cannot be a key, so it is refused without a lookup.
const KEY_SHAPE = /^rhk_[A-Za-z0-9_-]{43}$/;

/** A signed-in member acting on the practice's keys. */
export interface KeyManager {
  practiceId: string;
  practitionerId: string;
  role: Role;
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  key: string;
  createdAt: Date;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  createdBy: { id: string; name: string } | null;
}

export interface ApiKeysService {
  /** Creates a key; the answer holds the key itself, which is not kept and cannot be shown again. */
  create(manager: KeyManager, name: string): Promise<CreatedApiKey>;
  list(manager: KeyManager): Promise<ApiKeySummary[]>;
  /** Revokes a key at once; 404 when the practice has no such working key. */
  revoke(manager: KeyManager, id: string): Promise<void>;
  /** The caller behind a bearer key, or undefined when the key is unknown or revoked. */
  resolve(key: string): Promise<Principal | undefined>;
  /** The key an integration is calling with, so it can check that the key works. */
  current(caller: {
    apiKeyId: string;
    practiceId: string;
  }): Promise<{ id: string; name: string; practiceId: string }>;
}

export function createApiKeysService(deps: {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
}): ApiKeysService {
  const { transactor, audit, clock } = deps;

  const authorise = (manager: KeyManager) => {
    if (!canManageApiKeys(manager.role))
      throw forbidden('Only an owner of the practice can manage API keys.');
  };

  const record = (tx: Tx, manager: KeyManager, action: string, key: Pick<ApiKeyRow, 'id'>) =>
    audit.record(tx, {
      practiceId: manager.practiceId,
      actor: { type: 'practitioner', id: manager.practitionerId },
      action,
      subject: { type: 'api_key', id: key.id },
      outcome: 'success',
      ip: manager.ip,
      userAgent: manager.userAgent,
    });

  return {
    async create(manager, name) {
      authorise(manager);
      const key = `${API_KEY_PREFIX}${randomToken(32)}`;
      return transactor.inPractice(manager.practiceId, async (tx) => {
        const row = await insertApiKey(tx, {
          id: randomUUID(),
          practiceId: manager.practiceId,
          name,
          prefix: key.slice(0, SHOWN_PREFIX_LENGTH),
          keyHash: hashSecret(key),
          createdBy: manager.practitionerId,
          createdAt: clock.now(),
        });
        await record(tx, manager, 'api_key.create', row);
        return { id: row.id, name: row.name, prefix: row.prefix, key, createdAt: row.createdAt };
      });
    },

    async list(manager) {
      authorise(manager);
      const rows = await transactor.inPractice(manager.practiceId, (tx) =>
        listActiveApiKeys(tx, manager.practiceId),
      );
      return rows.map(({ key, creatorFirstName, creatorLastName }) => ({
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        createdAt: key.createdAt,
        lastUsedAt: key.lastUsedAt,
        createdBy:
          key.createdBy && creatorFirstName !== null
            ? { id: key.createdBy, name: `${creatorFirstName} ${creatorLastName ?? ''}`.trim() }
            : null,
      }));
    },

    async revoke(manager, id) {
      authorise(manager);
      await transactor.inPractice(manager.practiceId, async (tx) => {
        if (!(await revokeApiKey(tx, manager.practiceId, id, clock.now()))) throw notFound();
        await record(tx, manager, 'api_key.revoke', { id });
      });
    },

    async resolve(key) {
      if (!KEY_SHAPE.test(key)) return undefined;
      const now = clock.now();
      // Found by the key's hash before the practice is known, hence the system role. The lookup is by
      // an unguessable hash through an index, so its timing tells nothing about stored keys.
      return transactor.asSystem(async (tx) => {
        const row = await findActiveApiKeyByHash(tx, hashSecret(key));
        if (!row) return undefined;
        const notBefore = new Date(now.getTime() - TOUCH_EVERY_MS);
        if (row.lastUsedAt === null || row.lastUsedAt <= notBefore)
          await touchApiKey(tx, row.id, now, notBefore);
        return { kind: 'api_key' as const, apiKeyId: row.id, practiceId: row.practiceId };
      });
    },

    async current(caller) {
      const row = await transactor.inPractice(caller.practiceId, (tx) =>
        findApiKey(tx, caller.practiceId, caller.apiKeyId),
      );
      if (!row) throw notFound();
      return { id: row.id, name: row.name, practiceId: row.practiceId };
    },
  };
}

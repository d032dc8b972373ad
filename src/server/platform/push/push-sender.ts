import { createECDH } from 'node:crypto';
import type { Agent } from 'node:https';
import webPush, { WebPushError } from 'web-push';
import type { Transactor } from '../../db/transactions.js';
import { type Keyring, loadDeploymentSecret } from '../crypto/index.js';

/** A browser's push subscription as the Push API gives it. */
export interface PushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export type PushOutcome = 'sent' | 'gone' | 'failed';

export interface PushSender {
  /** The VAPID public key (base64url) the browser subscribes with. */
  publicKey: string;
  /** Sends an encrypted message; 'gone' means the push service no longer knows the subscription. */
  send(
    subscription: PushSubscription,
    payload: object,
    options?: { ttlSeconds?: number },
  ): Promise<PushOutcome>;
}

const curve = () => createECDH('prime256v1');
// A P-256 private key is 32 bytes; OpenSSL drops leading zero bytes, which web-push refuses.
const padded = (key: Buffer) => Buffer.concat([Buffer.alloc(32 - key.length), key]);

/**
 * The deployment's VAPID key pair: the private key is a deployment secret, wrapped by the master
 * key and shared by every node, so subscriptions made through one node work from all of them.
 */
export async function loadVapidKeys(transactor: Transactor, keyring: Keyring) {
  const privateKey = await loadDeploymentSecret(transactor, keyring, 'vapid', () => {
    const fresh = curve();
    fresh.generateKeys();
    return padded(fresh.getPrivateKey());
  });
  const ecdh = curve();
  ecdh.setPrivateKey(privateKey);
  return {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    privateKey: padded(privateKey).toString('base64url'),
  };
}

export function createPushSender(deps: {
  keys: { publicKey: string; privateKey: string };
  /** Who runs this deployment, for push services to reach (mailto: or https:). */
  subject: string;
  /** Only tests pass one: an agent that trusts their loopback push service's certificate. */
  agent?: Agent;
}): PushSender {
  const vapidDetails = {
    subject: deps.subject,
    publicKey: deps.keys.publicKey,
    privateKey: deps.keys.privateKey,
  };
  return {
    publicKey: deps.keys.publicKey,
    async send(subscription, payload, options = {}) {
      try {
        await webPush.sendNotification(subscription, JSON.stringify(payload), {
          vapidDetails,
          TTL: options.ttlSeconds ?? 60 * 60,
          contentEncoding: 'aes128gcm',
          ...(deps.agent ? { agent: deps.agent } : {}),
        });
        return 'sent';
      } catch (error) {
        if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410))
          return 'gone';
        return 'failed';
      }
    },
  };
}

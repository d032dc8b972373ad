import { execFileSync } from 'node:child_process';
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  randomUUID,
  verify,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A push service on loopback that checks each request the way a real one does (RFC 8030, 8291 and
 * 8292): the VAPID JWT's signature, audience, expiry and subject, the TTL header, and the aes128gcm
 * body, which it decrypts with the subscriber's keys. Requests it refuses are kept with the reason.
 */
export interface TestPushService {
  /** An HTTPS agent that trusts this service's self-signed certificate. */
  agent: Agent;
  /** A new subscription, as a browser's Push API would give it. */
  subscribe(): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Subscriptions the service answers 410 Gone for from now on. */
  expire(endpoint: string): void;
  received: { endpoint: string; payload: unknown; vapidKey: string }[];
  refused: { endpoint: string; reason: string }[];
  stop(): Promise<void>;
}

const b64url = (value: Buffer) => value.toString('base64url');
const fromB64url = (value: string) => Buffer.from(value, 'base64url');

function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'rehabit-push-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const pair = { key: readFileSync(key), cert: readFileSync(cert) };
  rmSync(dir, { recursive: true, force: true });
  return pair;
}

/** Checks `Authorization: vapid t=<jwt>, k=<key>` and answers the key, or throws the reason. */
function checkVapid(header: string | undefined, audience: string): string {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/.exec(header ?? '');
  if (!match) throw new Error('no vapid authorization');
  const [, jwt = '', key = ''] = match;
  const [head = '', body = '', signature = ''] = jwt.split('.');
  const jose = JSON.parse(fromB64url(head).toString());
  if (jose.alg !== 'ES256') throw new Error('jwt is not ES256');
  const point = fromB64url(key);
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: 'jwk',
  });
  const signed = Buffer.from(`${head}.${body}`);
  if (!verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, fromB64url(signature)))
    throw new Error('jwt signature does not verify with k');
  const claims = JSON.parse(fromB64url(body).toString());
  if (claims.aud !== audience) throw new Error(`aud ${claims.aud} is not ${audience}`);
  const now = Date.now() / 1000;
  if (!(claims.exp > now && claims.exp <= now + 24 * 60 * 60)) throw new Error('exp is not within 24 hours');
  if (!/^(mailto:|https:)/.test(claims.sub ?? '')) throw new Error('sub is not mailto: or https:');
  return key;
}

/** Decrypts an aes128gcm body (RFC 8291) with the subscriber's private key and auth secret. */
function decrypt(body: Buffer, subscriber: { ecdh: ReturnType<typeof createECDH>; auth: Buffer }): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const shared = subscriber.ecdh.computeSecret(serverKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), subscriber.ecdh.getPublicKey(), serverKey]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, subscriber.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  const end = padded.lastIndexOf(2);
  if (end < 0) throw new Error('no padding delimiter');
  return padded.subarray(0, end);
}

export async function startPushService(): Promise<TestPushService> {
  const { key, cert } = selfSignedCertificate();
  const subscribers = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>();
  const gone = new Set<string>();
  const received: TestPushService['received'] = [];
  const refused: TestPushService['refused'] = [];
  let origin = '';

  const server: Server = createServer({ key, cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const endpoint = `${origin}${request.url}`;
      const subscriber = subscribers.get(endpoint);
      try {
        if (request.method !== 'POST' || !subscriber) throw new Error('unknown subscription');
        if (gone.has(endpoint)) {
          response.writeHead(410).end();
          return;
        }
        if (!/^\d+$/.test(String(request.headers.ttl ?? ''))) throw new Error('no TTL header');
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        const vapidKey = checkVapid(request.headers.authorization, origin);
        const payload = JSON.parse(decrypt(Buffer.concat(chunks), subscriber).toString('utf8'));
        received.push({ endpoint, payload, vapidKey });
        response.writeHead(201).end();
      } catch (error) {
        refused.push({ endpoint, reason: (error as Error).message });
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    agent: new Agent({ ca: cert }),
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${origin}/push/${randomUUID()}`;
      subscribers.set(endpoint, { ecdh, auth });
      return { endpoint, keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) } };
    },
    expire: (endpoint) => gone.add(endpoint),
    received,
    refused,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

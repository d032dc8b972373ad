import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client.js';
import { disablePush, enablePush, forgetPush, isPushEnabled, type PushEnvironment } from './pushDevice.js';

// The server's key as it sends it, and the bytes the browser is given.
const KEY = Buffer.from(new Uint8Array(65).fill(7)).toString('base64url');
const KEY_BYTES = new Uint8Array(65).fill(7);

function fakeSubscription(key: Uint8Array = KEY_BYTES) {
  return {
    endpoint: 'https://push.example.test/abc',
    options: { applicationServerKey: key.buffer, userVisibleOnly: true },
    toJSON: () => ({ endpoint: 'https://push.example.test/abc', keys: { p256dh: 'p', auth: 'a' } }),
    unsubscribe: vi.fn(async () => true),
  };
}

/** A browser and server where everything works, unless a test says otherwise. */
function environment(overrides: Partial<PushEnvironment> = {}, existing: unknown = null) {
  const created = fakeSubscription();
  const pushManager = {
    getSubscription: vi.fn(async () => existing),
    subscribe: vi.fn(async () => created),
  };
  const env: PushEnvironment = {
    supported: true,
    online: () => true,
    requestPermission: vi.fn(async () => 'granted' as const),
    registration: async () => ({ pushManager }) as unknown as ServiceWorkerRegistration,
    publicKey: async () => KEY,
    save: vi.fn(async () => undefined),
    remove: vi.fn(async () => undefined),
    ...overrides,
  };
  return { env, pushManager, created };
}

describe('reminders on this device', () => {
  it('subscribes with the decoded server key and stores the subscription on the server', async () => {
    const { env, pushManager, created } = environment();
    expect(await enablePush(env)).toEqual({ ok: true });
    expect(pushManager.subscribe).toHaveBeenCalledWith({
      userVisibleOnly: true,
      applicationServerKey: KEY_BYTES,
    });
    expect(env.save).toHaveBeenCalledWith(created.toJSON());
  });

  it('says so when the browser has no push, without asking anything', async () => {
    const { env } = environment({ supported: false });
    expect(await enablePush(env)).toEqual({ ok: false, problem: 'unsupported' });
    expect(env.requestPermission).not.toHaveBeenCalled();
  });

  it('tells denied from dismissed permission', async () => {
    const denied = environment({ requestPermission: async () => 'denied' });
    expect(await enablePush(denied.env)).toEqual({ ok: false, problem: 'denied' });
    const dismissed = environment({ requestPermission: async () => 'default' });
    expect(await enablePush(dismissed.env)).toEqual({ ok: false, problem: 'dismissed' });
    expect(denied.pushManager.subscribe).not.toHaveBeenCalled();
  });

  it('does not ask for permission offline', async () => {
    const { env } = environment({ online: () => false });
    expect(await enablePush(env)).toEqual({ ok: false, problem: 'offline' });
    expect(env.requestPermission).not.toHaveBeenCalled();
  });

  it('reports a push service that refuses the subscription as a failure', async () => {
    const { env, pushManager } = environment();
    pushManager.subscribe.mockRejectedValueOnce(new DOMException('push service error', 'AbortError'));
    expect(await enablePush(env)).toEqual({ ok: false, problem: 'failed' });
    expect(env.save).not.toHaveBeenCalled();
  });

  it('undoes the subscription when the server cannot store it', async () => {
    const { env, created } = environment({
      save: async () => {
        throw new ApiError(0, 'network_error', 'The server could not be reached.');
      },
    });
    expect(await enablePush(env)).toEqual({ ok: false, problem: 'offline' });
    expect(created.unsubscribe).toHaveBeenCalled();
  });

  it('renews a subscription made with another server key', async () => {
    const old = fakeSubscription(new Uint8Array(65).fill(1));
    const { env, pushManager } = environment({}, old);
    expect(await enablePush(env)).toEqual({ ok: true });
    expect(old.unsubscribe).toHaveBeenCalled();
    expect(pushManager.subscribe).toHaveBeenCalled();
  });

  it('stops by telling the server first, then unsubscribing the device', async () => {
    const current = fakeSubscription();
    const { env } = environment({}, current);
    expect(await isPushEnabled(env)).toBe(true);
    expect(await disablePush(env)).toEqual({ ok: true });
    expect(env.remove).toHaveBeenCalledWith(current.endpoint);
    expect(current.unsubscribe).toHaveBeenCalled();
  });

  it('keeps the subscription when the server could not be told to stop', async () => {
    const current = fakeSubscription();
    const { env } = environment({ online: () => false }, current);
    expect(await disablePush(env)).toEqual({ ok: false, problem: 'offline' });
    expect(current.unsubscribe).not.toHaveBeenCalled();
  });
});

describe('signing out', () => {
  it('ends the subscription on the phone even when the server cannot be told', async () => {
    const current = fakeSubscription();
    const { env } = environment({ online: () => false }, current);
    await forgetPush(env);
    expect(env.remove).not.toHaveBeenCalled();
    expect(current.unsubscribe).toHaveBeenCalled();
  });
});

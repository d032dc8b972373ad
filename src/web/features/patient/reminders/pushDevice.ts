import { ApiError } from '../../../api/client.js';
import { base64UrlToUint8Array, sameBytes } from './base64url.js';

// Turning reminders on and off for this device with the Push API. The steps take what they need
// from a PushEnvironment, so tests run them with fakes; browserPushEnvironment() is the real one.

/** Translation keys (under `reminders.device.problems`) for why this device could not be switched. */
export type PushProblem = 'unsupported' | 'denied' | 'dismissed' | 'offline' | 'failed';

export type PushOutcome = { ok: true } | { ok: false; problem: PushProblem };

/** What the steps need from the browser and the server. */
export interface PushEnvironment {
  /** False when this browser has no service worker, PushManager or Notification. */
  supported: boolean;
  online(): boolean;
  requestPermission(): Promise<NotificationPermission>;
  /** The app's service worker registration, or undefined when none is active (yet). */
  registration(): Promise<ServiceWorkerRegistration | undefined>;
  publicKey(): Promise<string>;
  save(subscription: PushSubscriptionJSON): Promise<void>;
  remove(endpoint: string): Promise<void>;
}

const fail = (problem: PushProblem): PushOutcome => ({ ok: false, problem });

/** A failed call to our server: offline when it could not be reached, else a plain failure. */
const apiProblem = (error: unknown): PushProblem =>
  error instanceof ApiError && error.status === 0 ? 'offline' : 'failed';

/**
 * Asks for permission, subscribes this device and tells the server. Call it straight from a tap:
 * Safari only shows the permission question in the same turn as the person's gesture, so nothing
 * is awaited before requestPermission.
 */
export async function enablePush(env: PushEnvironment): Promise<PushOutcome> {
  if (!env.supported) return fail('unsupported');
  // Without a network the subscription cannot be made or stored; do not ask for permission in vain.
  if (!env.online()) return fail('offline');
  let permission: NotificationPermission;
  try {
    permission = await env.requestPermission();
  } catch {
    return fail('failed');
  }
  if (permission === 'denied') return fail('denied');
  if (permission !== 'granted') return fail('dismissed');

  const registration = await env.registration().catch(() => undefined);
  if (!registration) return fail('unsupported');
  let key: Uint8Array<ArrayBuffer>;
  try {
    key = base64UrlToUint8Array(await env.publicKey());
  } catch (error) {
    return fail(apiProblem(error));
  }

  let subscription: PushSubscription;
  try {
    let existing = await registration.pushManager.getSubscription();
    // A subscription under another key (the server's key changed) cannot receive our pushes.
    if (existing && !sameBytes(existing.options.applicationServerKey, key)) {
      await existing.unsubscribe();
      existing = null;
    }
    subscription =
      existing ??
      (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }));
  } catch {
    // The browser's push service refused or could not be reached (no Google services, blocked).
    return fail(env.online() ? 'failed' : 'offline');
  }

  try {
    await env.save(subscription.toJSON());
  } catch (error) {
    // The server does not know this subscription: undo it, so the device does not look switched on.
    await subscription.unsubscribe().catch(() => false);
    return fail(apiProblem(error));
  }
  return { ok: true };
}

/** Tells the server to stop, then ends the subscription on this device. */
export async function disablePush(env: PushEnvironment): Promise<PushOutcome> {
  if (!env.supported) return fail('unsupported');
  const registration = await env.registration().catch(() => undefined);
  const subscription = await registration?.pushManager.getSubscription().catch(() => null);
  if (!subscription) return { ok: true };
  if (!env.online()) return fail('offline');
  try {
    await env.remove(subscription.endpoint);
  } catch (error) {
    return fail(apiProblem(error));
  }
  // The server forgot it already; a failure here only leaves a subscription nobody pushes to.
  await subscription.unsubscribe().catch(() => false);
  return { ok: true };
}

/** Whether this device currently holds a push subscription (the switch's state). */
export async function isPushEnabled(env: PushEnvironment): Promise<boolean> {
  if (!env.supported) return false;
  try {
    const registration = await env.registration();
    return (await registration?.pushManager.getSubscription()) != null;
  } catch {
    return false;
  }
}

/**
 * On sign-out: stop reminders to this phone. The server is told when it can be; the subscription
 * ends on the phone either way, so a signed-out phone gets no more reminders (a push to an ended
 * subscription fails, and the server then forgets it).
 */
export async function forgetPush(env: PushEnvironment): Promise<void> {
  const outcome = await disablePush(env).catch(() => undefined);
  if (outcome?.ok) return;
  const registration = await env.registration().catch(() => undefined);
  const subscription = await registration?.pushManager.getSubscription().catch(() => null);
  await subscription?.unsubscribe().catch(() => false);
}

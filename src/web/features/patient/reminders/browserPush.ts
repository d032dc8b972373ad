import { patientApi } from '../patientApi.js';
import type { PushEnvironment } from './pushDevice.js';

/** How long to wait for the service worker to become active before calling push unavailable. */
const READY_TIMEOUT_MS = 5000;

/** Whether this browser can receive Web Push at all (iPhones only in an app added to the home screen). */
export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

/** The current notification permission, or 'default' where there is no Notification API. */
export function notificationPermission(): NotificationPermission {
  return typeof Notification === 'undefined' ? 'default' : Notification.permission;
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  // `ready` never settles without a registered worker (the dev server registers none).
  const existing = await navigator.serviceWorker.getRegistration('/app/');
  if (!existing) return undefined;
  if (existing.active) return existing;
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), READY_TIMEOUT_MS));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

/** The real browser and server behind enablePush and disablePush. */
export function browserPushEnvironment(): PushEnvironment {
  return {
    supported: pushSupported(),
    online: () => navigator.onLine,
    requestPermission: () => Notification.requestPermission(),
    registration,
    publicKey: async () => (await patientApi.pushPublicKey()).publicKey,
    save: (subscription) => patientApi.subscribePush(subscription),
    remove: (endpoint) => patientApi.unsubscribePush(endpoint),
  };
}

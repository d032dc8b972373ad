import { Secret, TOTP } from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';

// Second factors set up through the API (and, for passkeys, a virtual authenticator in Chromium), for
// browser tests of signing in with them.

/**
 * Turns on the authenticator app for the context's account through the API, confirming with the
 * previous time step's code so the current one is still unused for the sign-in under test.
 */
export async function enableTotp(context: BrowserContext, csrfToken: string) {
  const headers = { 'x-csrf-token': csrfToken };
  const started = await context.request.post('/api/v1/me/mfa/totp', { headers });
  const { secret } = (await started.json()) as { secret: string };
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  const confirmed = await context.request.post('/api/v1/me/mfa/totp/confirm', {
    headers,
    data: { code: totp.generate({ timestamp: Date.now() - 30_000 }) },
  });
  if (confirmed.status() !== 200) throw new Error(`TOTP confirm failed: ${await confirmed.text()}`);
  const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
  return { recoveryCodes, currentCode: () => totp.generate() };
}

/**
 * Gives the page a virtual platform authenticator (Chrome DevTools protocol) that answers WebAuthn
 * prompts at once, as a laptop's fingerprint reader would.
 */
export async function addVirtualAuthenticator(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

/** Registers a passkey for the page's session through the API, as the account page would. */
export async function registerPasskey(page: Page, csrfToken: string): Promise<void> {
  const status = await page.evaluate(async (csrf) => {
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
    const options = await fetch('/api/v1/me/passkeys/registration-options', {
      method: 'POST',
      headers: { 'x-csrf-token': csrf },
    });
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(await options.json());
    const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
    const saved = await fetch('/api/v1/me/passkeys', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Test laptop', response: credential.toJSON() }),
    });
    return saved.status;
  }, csrfToken);
  if (status !== 201) throw new Error(`passkey registration answered ${status}`);
}

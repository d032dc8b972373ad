import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as the authenticator apps implement it: SHA-1, 6 digits, 30-second steps. */
const STEP_SECONDS = 30;
const DIGITS = 6;
// 160 bits, the RFC 4226 recommendation and the floor.
const SECRET_BYTES = 20;
// One step either side tolerates clock drift and the time it takes to type the code.
const WINDOW = 1;

export interface TotpEnrolment {
  /** Base32, shown to the person for manual entry; stored only encrypted. */
  secret: string;
  otpauthUri: string;
}

const totpFor = (secret: string, account = '') =>
  new TOTP({
    issuer: 'Rehabit',
    label: account,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: STEP_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** A new random secret and the otpauth:// URI an authenticator app reads from the QR code. */
export function createTotpEnrolment(account: string): TotpEnrolment {
  const secret = new Secret({ size: SECRET_BYTES }).base32;
  return { secret, otpauthUri: totpFor(secret, account).toString() };
}

/**
 * Checks a code at the given time. Returns the time step it belongs to, so the caller can store it
 * and refuse the same or an earlier step next time (each code is accepted once), or undefined.
 */
export function verifyTotp(
  secret: string,
  code: string,
  at: Date,
  lastAcceptedStep: number | undefined,
): number | undefined {
  const digits = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${DIGITS}}$`).test(digits)) return undefined;
  const delta = totpFor(secret).validate({ token: digits, timestamp: at.getTime(), window: WINDOW });
  if (delta === null) return undefined;
  const step = Math.floor(at.getTime() / 1000 / STEP_SECONDS) + delta;
  if (lastAcceptedStep !== undefined && step <= lastAcceptedStep) return undefined;
  return step;
}

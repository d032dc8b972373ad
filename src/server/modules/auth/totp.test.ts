import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createTotpEnrolment, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the SHA-1 key is the ASCII string "12345678901234567890".
const rfcSecret = Secret.fromLatin1('12345678901234567890').base32;
const codeAt = (secret: string, at: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: at.getTime(),
  });

describe('TOTP (RFC 6238)', () => {
  it('accepts the RFC 6238 test vectors (their last six digits)', () => {
    const vectors: [number, string][] = [
      [59, '287082'],
      [1_111_111_109, '081804'],
      [1_111_111_111, '050471'],
      [1_234_567_890, '005924'],
      [2_000_000_000, '279037'],
    ];
    for (const [seconds, code] of vectors) {
      expect(verifyTotp(rfcSecret, code, new Date(seconds * 1000), undefined)).toBe(Math.floor(seconds / 30));
    }
  });

  it('accepts a code from one step before or after, and refuses two steps away', () => {
    const now = new Date('2026-03-02T09:00:15Z');
    const step = Math.floor(now.getTime() / 30_000);
    const previous = codeAt(rfcSecret, new Date(now.getTime() - 30_000));
    const next = codeAt(rfcSecret, new Date(now.getTime() + 30_000));
    expect(verifyTotp(rfcSecret, previous, now, undefined)).toBe(step - 1);
    expect(verifyTotp(rfcSecret, next, now, undefined)).toBe(step + 1);
    expect(
      verifyTotp(rfcSecret, codeAt(rfcSecret, new Date(now.getTime() - 60_000)), now, undefined),
    ).toBeUndefined();
  });

  it('accepts each code once: the same or an earlier step is refused', () => {
    const now = new Date('2026-03-02T09:00:15Z');
    const code = codeAt(rfcSecret, now);
    const step = verifyTotp(rfcSecret, code, now, undefined);
    expect(step).toBeDefined();
    expect(verifyTotp(rfcSecret, code, now, step)).toBeUndefined();
    const earlier = codeAt(rfcSecret, new Date(now.getTime() - 30_000));
    expect(verifyTotp(rfcSecret, earlier, now, step)).toBeUndefined();
  });

  it('refuses malformed codes and wrong codes', () => {
    const now = new Date('2026-03-02T09:00:15Z');
    const right = codeAt(rfcSecret, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (const code of ['', '12345', '1234567', 'abcdef', wrong]) {
      expect(verifyTotp(rfcSecret, code, now, undefined)).toBeUndefined();
    }
    expect(verifyTotp(rfcSecret, `${right.slice(0, 3)} ${right.slice(3)}`, now, undefined)).toBeDefined();
  });

  it('enrols with a fresh 160-bit secret and an otpauth URI for the QR code', () => {
    const first = createTotpEnrolment('ana@example.se');
    const second = createTotpEnrolment('ana@example.se');
    expect(Secret.fromBase32(first.secret).bytes).toHaveLength(20);
    expect(first.secret).not.toBe(second.secret);
    expect(first.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/Rehabit:ana%40example\.se\?issuer=Rehabit&secret=[A-Z2-7]+&algorithm=SHA1&digits=6&period=30$/,
    );
  });
});

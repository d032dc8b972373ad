import { describe, expect, it } from 'vitest';
import { base64UrlToUint8Array, sameBytes } from './base64url.js';

describe('base64url keys', () => {
  it('decodes the URL-safe alphabet without padding', () => {
    // 0xfb 0xff 0xbf is "+/+/" in standard base64 and "-_-_" in base64url.
    expect([...base64UrlToUint8Array('-_-_')]).toEqual([0xfb, 0xff, 0xbf]);
    expect([...base64UrlToUint8Array('aGk')]).toEqual([0x68, 0x69]);
    expect([...base64UrlToUint8Array('aGk=')]).toEqual([0x68, 0x69]);
  });

  it('decodes a 65-byte uncompressed P-256 public key as the server sends it', () => {
    const raw = new Uint8Array(65).map((_, index) => (index * 37 + 4) % 256);
    raw[0] = 4;
    const encoded = Buffer.from(raw).toString('base64url');
    expect(base64UrlToUint8Array(encoded)).toEqual(raw);
  });

  it('refuses text that is not base64url', () => {
    expect(() => base64UrlToUint8Array('ab+c')).toThrow();
    expect(() => base64UrlToUint8Array('abcde')).toThrow();
  });

  it('compares key bytes, so a subscription under an older key is noticed', () => {
    const key = new Uint8Array([1, 2, 3]);
    expect(sameBytes(new Uint8Array([1, 2, 3]).buffer, key)).toBe(true);
    expect(sameBytes(new Uint8Array([1, 2, 4]), key)).toBe(false);
    expect(sameBytes(null, key)).toBe(false);
  });
});

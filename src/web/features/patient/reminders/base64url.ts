/**
 * Bytes of a base64url string (RFC 4648 §5, padding optional): the server hands out its VAPID key
 * that way, and pushManager.subscribe wants the raw bytes (not every browser accepts the string).
 */
export function base64UrlToUint8Array(value: string): Uint8Array<ArrayBuffer> {
  const trimmed = value.trim().replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(trimmed) || trimmed.length % 4 === 1)
    throw new Error('not a base64url string');
  const base64 = trimmed
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(trimmed.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Whether two keys hold the same bytes (a subscription made with an older server key must be renewed). */
export function sameBytes(a: ArrayBuffer | Uint8Array | null | undefined, b: Uint8Array): boolean {
  if (!a) return false;
  const left = a instanceof Uint8Array ? a : new Uint8Array(a);
  return left.length === b.length && left.every((byte, index) => byte === b[index]);
}

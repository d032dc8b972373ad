import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../platform/errors.js';

/** What an upload is, decided by its first bytes alone (never by its name or declared type). */
export interface MediaType {
  kind: 'image' | 'video';
  contentType: 'image/jpeg' | 'image/png' | 'image/webp' | 'video/mp4' | 'video/webm';
}

/** How many leading bytes the decision needs at most. */
export const SNIFF_BYTES = 64;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
// The EBML DocType element (0x4282) of four bytes (0x84) saying "webm": Matroska files share the magic.
const WEBM_DOCTYPE = Buffer.concat([Buffer.from([0x42, 0x82, 0x84]), Buffer.from('webm')]);
// ISO base media brands of MP4 video; QuickTime (qt), HEIF images (heic, mif1) and 3GP are not MP4 here.
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'dash',
  'msnv',
  'f4v ',
]);

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1');

function isMp4(bytes: Buffer): boolean {
  if (bytes.length < 12 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const boxSize = bytes.readUInt32BE(0);
  if (boxSize < 16 || boxSize % 4 !== 0) return false;
  if (MP4_BRANDS.has(ascii(bytes, 8, 12))) return true;
  // Compatible brands follow the minor version, up to the box's end (as far as we have read).
  for (let at = 16; at + 4 <= Math.min(boxSize, bytes.length); at += 4)
    if (MP4_BRANDS.has(ascii(bytes, at, at + 4))) return true;
  return false;
}

/** The media type of a file from its first bytes (up to SNIFF_BYTES), or undefined when not accepted. */
export function sniffMediaType(bytes: Buffer): MediaType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { kind: 'image', contentType: 'image/jpeg' };
  if (bytes.subarray(0, PNG.length).equals(PNG)) return { kind: 'image', contentType: 'image/png' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { kind: 'image', contentType: 'image/webp' };
  if (isMp4(bytes)) return { kind: 'video', contentType: 'video/mp4' };
  if (bytes.subarray(0, EBML.length).equals(EBML) && bytes.subarray(0, SNIFF_BYTES).includes(WEBM_DOCTYPE))
    return { kind: 'video', contentType: 'video/webm' };
  return undefined;
}

export const unsupportedMediaType = () =>
  new AppError(
    'unsupported_media_type',
    415,
    'This file is not an accepted image or video. Upload a JPEG, PNG or WebP image, or an MP4 or WebM video.',
  );

/** A limit as people read it: "10 MB", "1.5 MB", "512 KB" (a small limit must not read "0 MB"). */
export function sizeText(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB) return `${Math.round((bytes / MiB) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The code of the platform's own body-size refusal (error-handler.ts), so clients handle one code. */
export const mediaTooLarge = (limits: MediaLimits) =>
  new AppError(
    'payload_too_large',
    413,
    `This file is too large. Images may be up to ${sizeText(limits.image)}, videos up to ${sizeText(limits.video)}.`,
  );

/** Largest accepted upload per kind, in bytes. */
export interface MediaLimits {
  image: number;
  video: number;
}

/**
 * Passes an upload through while deciding its type from the first bytes and counting the rest: the
 * stream fails with 415 for a type we do not take and with 413 as soon as it passes its kind's limit,
 * so a refused upload is never read to its end.
 */
export class MediaInspector extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private seen = 0;
  type: MediaType | undefined;

  constructor(private readonly limits: MediaLimits) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.seen += chunk.length;
    if (this.type) return this.pass(chunk, done);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return done();
    this.decide(done);
  }

  override _flush(done: TransformCallback) {
    if (!this.type) return this.decide(done);
    done();
  }

  private decide(done: TransformCallback) {
    const head = Buffer.concat(this.head, this.headBytes);
    this.head = [];
    this.type = sniffMediaType(head);
    if (!this.type) return done(unsupportedMediaType());
    this.pass(head, done);
  }

  private pass(chunk: Buffer, done: TransformCallback) {
    const type = this.type as MediaType;
    if (this.seen > this.limits[type.kind]) return done(mediaTooLarge(this.limits));
    done(null, chunk);
  }
}

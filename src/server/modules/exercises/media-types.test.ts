import { describe, expect, it } from 'vitest';
import { JPEG, mp4, PNG, WEBP, webm } from './exercises.testkit.js';
import { sizeText, sniffMediaType } from './media-types.js';

const box = (type: string, brands: string[]) => {
  const body = Buffer.from(brands.join(''), 'latin1');
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
};

describe('media types by content', () => {
  it.each([
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['WebP', WEBP, 'image/webp'],
    ['MP4', mp4(), 'video/mp4'],
    ['WebM', webm(), 'video/webm'],
  ])('knows a %s by its first bytes', (_name, bytes, contentType) => {
    expect(sniffMediaType(bytes.subarray(0, 64))?.contentType).toBe(contentType);
  });

  it.each([
    ['a QuickTime movie', box('ftyp', ['qt  ', '\0\0\0\0', 'qt  '])],
    ['a HEIF image', box('ftyp', ['heic', '\0\0\0\0', 'mif1', 'heic'])],
    [
      'a Matroska file',
      Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('B\x82\x88matroska', 'latin1')]),
    ],
    ['a GIF', Buffer.from('GIF89a', 'latin1')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['a RIFF that is not WebP', Buffer.from('RIFF\x10\0\0\0WAVEfmt ', 'latin1')],
    ['the start of a JPEG alone', Buffer.from([0xff, 0xd8])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffMediaType(bytes)).toBeUndefined();
  });

  it('writes limits as people read them', () => {
    expect(sizeText(10 * 1024 * 1024)).toBe('10 MB');
    expect(sizeText(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(sizeText(4096)).toBe('4 KB');
  });
});

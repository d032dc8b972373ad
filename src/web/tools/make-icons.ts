// Draws the app icons (PNG and SVG) from one geometry, with no image library: run once with
// `npx tsx src/web/tools/make-icons.ts` and commit the files it writes under src/web/public/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const brand = [0x08, 0x7f, 0x5b] as const; // #087f5b, theme.ts brandColor
const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

// Geometry in units of the icon's size: an open ring (gap at the upper right) around a dot.
const ring = { radius: 0.26, width: 0.09, from: -20, to: 290 }; // degrees, clockwise on screen
const dotRadius = 0.075;
const cornerRadius = 0.22; // rounded square for "any"; maskable icons fill the square

const rad = (deg: number) => (deg * Math.PI) / 180;
const arcPoint = (deg: number) => [
  0.5 + ring.radius * Math.cos(rad(deg)),
  0.5 + ring.radius * Math.sin(rad(deg)),
];

/** True where the white mark covers point (x, y) of the unit square. */
function inMark(x: number, y: number): boolean {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const distance = Math.hypot(dx, dy);
  if (distance <= dotRadius) return true;
  let angle = (Math.atan2(dy, dx) * 180) / Math.PI;
  if (angle < ring.from) angle += 360;
  if (angle <= ring.to) return Math.abs(distance - ring.radius) <= ring.width / 2;
  // Round caps at both ends of the arc.
  return [ring.from, ring.to].some((deg) => {
    const [cx = 0, cy = 0] = arcPoint(deg);
    return Math.hypot(x - cx, y - cy) <= ring.width / 2;
  });
}

/** True where the background covers point (x, y). */
function inBackground(x: number, y: number, rounded: boolean): boolean {
  if (!rounded) return true;
  const r = cornerRadius;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  return Math.hypot(qx, qy) <= r;
}

/** RGBA pixels, anti-aliased by 4×4 supersampling. */
function render(size: number, rounded: boolean): Buffer {
  const samples = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // leading 0: PNG filter "none"
    for (let px = 0; px < size; px++) {
      let background = 0;
      let mark = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!inBackground(x, y, rounded)) continue;
          background++;
          if (inMark(x, y)) mark++;
        }
      }
      const n = samples * samples;
      const white = background ? mark / background : 0;
      brand.forEach((channel, i) => {
        row[1 + px * 4 + i] = Math.round(channel + (255 - channel) * white);
      });
      row[1 + px * 4 + 3] = Math.round((255 * background) / n);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, rounded: boolean): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const pixels = deflateSync(render(size, rounded), { level: 9 });
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg(): string {
  const u = (v: number) => Number((v * 64).toFixed(2));
  const [x0 = 0, y0 = 0] = arcPoint(ring.from);
  const [x1 = 0, y1 = 0] = arcPoint(ring.to);
  const hex = `#${brand.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <title>Rehabit</title>
  <rect width="64" height="64" rx="${u(cornerRadius)}" fill="${hex}"/>
  <path d="M ${u(x0)} ${u(y0)} A ${u(ring.radius)} ${u(ring.radius)} 0 1 1 ${u(x1)} ${u(y1)}" fill="none" stroke="#fff" stroke-width="${u(ring.width)}" stroke-linecap="round"/>
  <circle cx="32" cy="32" r="${u(dotRadius)}" fill="#fff"/>
</svg>
`;
}

mkdirSync(`${publicDir}app/icons`, { recursive: true });
writeFileSync(`${publicDir}app/icons/icon-192.png`, png(192, true));
writeFileSync(`${publicDir}app/icons/icon-512.png`, png(512, true));
writeFileSync(`${publicDir}app/icons/icon-maskable-512.png`, png(512, false));
writeFileSync(`${publicDir}app/icons/icon.svg`, svg());
writeFileSync(`${publicDir}favicon.svg`, svg());
console.log(`icons written to ${publicDir}`);

import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** Files of the app shell the service worker keeps besides the built chunks (public/app/). */
const STATIC_SHELL = [
  '/app/',
  '/app/manifest.webmanifest',
  '/app/icons/icon.svg',
  '/app/icons/icon-192.png',
  '/app/icons/icon-512.png',
];

interface ChunkLike {
  type: 'chunk';
  name: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

/**
 * Writes app/sw-precache.js: every file the patient app can load (its entry chunk, the chunks it
 * imports, including lazily loaded screens, and their CSS) plus the static shell, with a version
 * that changes whenever a file name (and so its content hash) changes. public/app/sw.js imports it,
 * and the browser installs a new service worker when that script's bytes change.
 */
export function patientPrecache(entryName = 'patient'): Plugin {
  return {
    name: 'rehabit:patient-precache',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkLike>();
      for (const [fileName, output] of Object.entries(bundle))
        if (output.type === 'chunk') chunks.set(fileName, output as unknown as ChunkLike);
      const entry = [...chunks.entries()].find(([, chunk]) => chunk.isEntry && chunk.name === entryName);
      if (!entry) throw new Error(`patient precache: no entry chunk named ${entryName}`);

      const files = new Set<string>();
      const visit = (fileName: string) => {
        if (files.has(fileName)) return;
        files.add(fileName);
        const chunk = chunks.get(fileName);
        if (!chunk) return;
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset);
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
      };
      visit(entry[0]);

      const urls = [...STATIC_SHELL, ...[...files].sort().map((file) => `/${file}`)];
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 16);
      this.emitFile({
        type: 'asset',
        fileName: 'app/sw-precache.js',
        source: `// Generated at build time by src/web/patient/precache-plugin.ts.\nself.REHABIT_PRECACHE = ${JSON.stringify({ version, urls }, null, 1)};\n`,
      });
    },
  };
}

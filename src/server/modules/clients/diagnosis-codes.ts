import { foldForSearch } from './client-fields.js';
import data from './diagnosis-codes.json' with { type: 'json' };

export interface DiagnosisCode {
  code: string;
  title: string;
}

interface Entry {
  code: string;
  en: string;
  de: string;
}

const entries: Entry[] = data.codes;
const folded = entries.map((entry) => ({
  entry,
  code: entry.code.replace('.', '').toLowerCase(),
  en: foldForSearch(entry.en),
  de: foldForSearch(entry.de),
}));

/**
 * Common musculoskeletal ICD-10 codes for autocomplete: codes starting with the query come first,
 * then titles (in the language asked for, or English) containing every word of it.
 */
export function searchDiagnosisCodes(
  q: string | undefined,
  lang: 'en' | 'de',
  limit: number,
): DiagnosisCode[] {
  const query = foldForSearch(q ?? '').trim();
  const present = (entry: Entry) => ({ code: entry.code, title: entry[lang] });
  if (!query) return entries.slice(0, limit).map(present);
  const codeQuery = query.replace('.', '');
  const words = query.split(/\s+/);
  const byCode = folded.filter((row) => row.code.startsWith(codeQuery));
  const byTitle = folded.filter(
    (row) =>
      !byCode.includes(row) && words.every((word) => row[lang].includes(word) || row.en.includes(word)),
  );
  return [...byCode, ...byTitle].slice(0, limit).map((row) => present(row.entry));
}

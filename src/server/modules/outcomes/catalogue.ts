import type { ContentPack, InstrumentDefinition, Item, Language, LocalText } from './instruments/index.js';
import type { ContentPackRow } from './outcomes.repo.js';

// How a measure is shown to a practitioner or a client: its structure with the text in the asked
// language, falling back to English. A licensed instrument's text comes from the operator's pack only.

const pick = (text: LocalText | undefined, lang: Language) => (text ? (text[lang] ?? text.en) : null);

/** The pack to show in a language: the language's own, else English, else none. */
export function packFor(packs: readonly ContentPackRow[], lang: Language): ContentPackRow | undefined {
  return (
    packs.find((row) => row.language === lang) ??
    packs.find((row) => row.language.startsWith(`${lang}-`)) ??
    packs.find((row) => row.language === 'en')
  );
}

function presentItem(item: Item, index: number, lang: Language, pack: ContentPack | undefined) {
  const fromPack = pack?.items[index];
  return {
    id: item.id,
    text: fromPack?.text ?? pick(item.text, lang),
    preamble: fromPack?.preamble ?? pick(item.preamble, lang),
    min: item.min,
    max: item.max,
    options:
      item.options?.map((option, at) => ({
        value: option.value,
        label: fromPack?.options?.[at] ?? pick(option.label, lang),
      })) ?? null,
    anchors:
      fromPack?.anchors ??
      (item.anchors ? { min: pick(item.anchors.min, lang), max: pick(item.anchors.max, lang) } : null),
    scored: item.scored,
  };
}

/** A measure as the catalogue and the patient app show it. */
export function presentMeasure(
  code: string,
  definition: InstrumentDefinition,
  options: { lang: Language; packs: readonly ContentPackRow[]; custom: boolean },
) {
  const { lang } = options;
  const packRow = definition.licence.textShipped ? undefined : packFor(options.packs, lang);
  const pack = packRow?.pack as ContentPack | undefined;
  const textLanguage = pack ? (packRow?.language ?? 'en') : definition.languages.includes(lang) ? lang : 'en';
  return {
    measure: code,
    custom: options.custom,
    name: pack?.title ?? definition.name,
    version: definition.version,
    language: textLanguage,
    textAvailable: definition.licence.textShipped || pack !== undefined,
    instructions: pack ? (pack.instructions ?? null) : pick(definition.instructions, lang),
    items: definition.items.map((item, index) => presentItem(item, index, lang, pack)),
    range: definition.range,
    direction: definition.direction,
    bands: definition.bands.map((band) => ({
      code: band.code,
      from: band.from,
      to: band.to,
      label: band.label[lang],
    })),
    mcid: definition.mcid?.value ?? null,
    subscales: definition.subscales.map((subscale) => ({
      key: subscale.key,
      label: subscale.label[lang],
      min: subscale.min,
      max: subscale.max,
      direction: subscale.direction,
    })),
    licence: pack
      ? { holder: pack.licence.holder, terms: pack.licence.terms, textShipped: false }
      : definition.licence,
    contentPack: packRow ? { language: packRow.language, version: packRow.version } : null,
    attribution: definition.attribution,
    notes: definition.notes,
  };
}

export type PresentedMeasure = ReturnType<typeof presentMeasure>;

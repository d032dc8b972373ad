// A deliberately tiny Markdown reader for education articles: headings, paragraphs, bullet and
// numbered lists, bold and italic. It produces data, not HTML, and React renders that data as text,
// so nothing in an article can ever become markup or script. Anything else shows as plain text;
// links show their text only (a patient app should not send people to unvetted addresses).

export type Inline = { kind: 'text' | 'strong' | 'em'; text: string };

export type Block =
  | { kind: 'heading'; level: 2 | 3 | 4; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

/** Bold (`**x**`, `__x__`), italic (`*x*`, `_x_`) and link text (`[x](url)` → x). */
export function parseInline(text: string): Inline[] {
  const withoutLinks = text.replace(/\[([^\]]+)\]\((?:[^()]|\([^()]*\))*\)/g, '$1');
  const out: Inline[] = [];
  const pattern = /\*\*(.+?)\*\*|__(.+?)__|\*(?!\s)(.+?)\*|(?<![\p{L}\p{N}])_(?!\s)(.+?)_(?![\p{L}\p{N}])/gu;
  let last = 0;
  for (const match of withoutLinks.matchAll(pattern)) {
    if (match.index > last) out.push({ kind: 'text', text: withoutLinks.slice(last, match.index) });
    const strong = match[1] ?? match[2];
    if (strong !== undefined) out.push({ kind: 'strong', text: strong });
    else out.push({ kind: 'em', text: match[3] ?? match[4] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < withoutLinks.length) out.push({ kind: 'text', text: withoutLinks.slice(last) });
  return out;
}

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

/**
 * The blocks of a Markdown text. Article headings start at level 2 below the page's own h1, so
 * `#` and `##` both become h2 and deeper ones at most h4.
 */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;

  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) });
    paragraph = [];
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    list = undefined;
  };

  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (line.trim() === '') {
      flush();
    } else if (heading) {
      flush();
      const level = Math.min(4, Math.max(2, (heading[1] ?? '').length)) as 2 | 3 | 4;
      blocks.push({ kind: 'heading', level, content: parseInline(heading[2] ?? '') });
    } else if (bullet || numbered) {
      const ordered = Boolean(numbered);
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)?.[1] ?? '');
    } else if (list && /^\s+\S/.test(line)) {
      // An indented line continues the last list item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

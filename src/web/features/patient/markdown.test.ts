import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown.js';

describe('education article Markdown', () => {
  it('reads headings, paragraphs and lists', () => {
    const blocks = parseMarkdown(
      'Pain is real.\nIt is common.\n\n## Pain is a protector\n\n- Poor sleep\n- Stress\n\n1. Walk\n2. Rest\n',
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', content: [{ kind: 'text', text: 'Pain is real. It is common.' }] },
      { kind: 'heading', level: 2, content: [{ kind: 'text', text: 'Pain is a protector' }] },
      {
        kind: 'list',
        ordered: false,
        items: [[{ kind: 'text', text: 'Poor sleep' }], [{ kind: 'text', text: 'Stress' }]],
      },
      {
        kind: 'list',
        ordered: true,
        items: [[{ kind: 'text', text: 'Walk' }], [{ kind: 'text', text: 'Rest' }]],
      },
    ]);
  });

  it('reads bold and italic, and keeps snake_case words as text', () => {
    expect(parseInline('Move **often**, *gently* and _calmly_ in snake_case_words')).toEqual([
      { kind: 'text', text: 'Move ' },
      { kind: 'strong', text: 'often' },
      { kind: 'text', text: ', ' },
      { kind: 'em', text: 'gently' },
      { kind: 'text', text: ' and ' },
      { kind: 'em', text: 'calmly' },
      { kind: 'text', text: ' in snake_case_words' },
    ]);
  });

  it('keeps HTML as text and shows only the text of links', () => {
    const [block] = parseMarkdown('<script>alert(1)</script> see [our page](javascript:alert(1))');
    expect(block).toEqual({
      kind: 'paragraph',
      content: [{ kind: 'text', text: '<script>alert(1)</script> see our page' }],
    });
  });

  it('keeps headings below the page title', () => {
    expect(parseMarkdown('# Top\n#### Deep')).toMatchObject([
      { kind: 'heading', level: 2 },
      { kind: 'heading', level: 4 },
    ]);
  });
});

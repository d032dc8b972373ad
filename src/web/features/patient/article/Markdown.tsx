import { List, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { type Inline, parseMarkdown } from '../markdown.js';

// Every piece of the article reaches the page as a React text child: nothing in it is ever HTML.
function inlines(content: Inline[]): ReactNode[] {
  return content.map((part, index) => {
    const key = `${index}-${part.kind}`;
    if (part.kind === 'strong') return <strong key={key}>{part.text}</strong>;
    if (part.kind === 'em') return <em key={key}>{part.text}</em>;
    return part.text;
  });
}

/** An education article's Markdown body. */
export function Markdown({ source }: { source: string }) {
  return parseMarkdown(source).map((block, index) => {
    const key = `${index}-${block.kind}`;
    switch (block.kind) {
      case 'heading':
        return (
          <Title key={key} order={block.level} size={block.level === 2 ? 'h3' : 'h4'} mt="md">
            {inlines(block.content)}
          </Title>
        );
      case 'paragraph':
        return <Text key={key}>{inlines(block.content)}</Text>;
      default:
        return (
          <List key={key} type={block.ordered ? 'ordered' : 'unordered'} spacing={4}>
            {block.items.map((item, itemIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: list items are fixed text in a fixed order.
              <List.Item key={itemIndex}>{inlines(item)}</List.Item>
            ))}
          </List>
        );
    }
  });
}

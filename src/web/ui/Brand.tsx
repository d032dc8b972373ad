import { Group, Text } from '@mantine/core';
import { brandColor } from './theme.js';

/** The product mark (the same loop as the app icon) and name. */
export function Brand() {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width="28" height="28" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <rect width="64" height="64" rx="14" fill={brandColor} />
        <path d={loopPath} fill="none" stroke="#fff" strokeWidth="5.8" strokeLinecap="round" />
        <circle cx="32" cy="32" r="4.8" fill="#fff" />
      </svg>
      <Text component="span" fw={700} fz="lg">
        Rehabit
      </Text>
    </Group>
  );
}

/** An open ring around the centre, gap at the upper right; tools/make-icons.ts draws the same shape. */
const loopPath = 'M 47.64 26.31 A 16.64 16.64 0 1 1 37.69 16.36';

import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';

interface MessageLogProps {
  /** The log's accessible name. */
  label: string;
  /** The MessageBubble items, oldest first. */
  children: ReactNode;
  /** Shown instead of the list when there are no messages. */
  empty?: string;
  /** The newest message's id: when it changes, the log scrolls to it. */
  newestId: string | undefined;
  /** "Load earlier", when older messages exist. */
  earlier?: { label: string; onLoad(): void; loading: boolean };
  /** How tall the log may grow before it scrolls. */
  maxHeight: string;
}

/**
 * The conversation as a live region (role="log": new messages are announced politely), scrolling
 * on its own and kept at the newest message as messages arrive. It can take keyboard focus, so it
 * can be scrolled without a mouse.
 */
export function MessageLog({ label, children, empty, newestId, earlier, maxHeight }: MessageLogProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Earlier messages keep the newest id: loading them leaves the view where it was.
    if (newestId && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [newestId]);

  return (
    <Box
      ref={box}
      role="log"
      aria-live="polite"
      aria-label={label}
      tabIndex={0}
      mah={maxHeight}
      p="xs"
      style={{ overflowY: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
      data-testid="message-log"
    >
      <Stack gap="sm">
        {earlier ? (
          <Group justify="center">
            <Button variant="default" size="xs" loading={earlier.loading} onClick={earlier.onLoad}>
              {earlier.label}
            </Button>
          </Group>
        ) : null}
        {newestId === undefined && empty ? (
          <Text c="gray.7" ta="center" py="md" data-testid="messages-empty">
            {empty}
          </Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {children}
          </Stack>
        )}
      </Stack>
    </Box>
  );
}

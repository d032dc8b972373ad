import { Button, Group, Stack, Textarea } from '@mantine/core';
import type { FormEvent, KeyboardEvent } from 'react';
import { canSend, remainingChars } from './conversation.js';

/** The composer's words, from the app's own namespace (both apps use it, each ships its strings). */
export interface ComposerStrings {
  label: string;
  send: string;
  /** Under the field, e.g. how to send from the keyboard. */
  hint?: string;
  remaining(count: number): string;
  tooLong(count: number): string;
}

interface MessageComposerProps {
  value: string;
  onChange(value: string): void;
  onSend(): void;
  sending: boolean;
  /** Sending is not possible now (offline): the text can still be written and stays. */
  blocked?: boolean;
  /** The server's word on the message (the body field's problem, or why sending failed). */
  error?: string;
  strings: ComposerStrings;
}

/**
 * A message field with its send button: Ctrl+Enter (⌘+Enter) sends too, and near the length limit
 * a counter shows what is left. The text is the caller's, so it survives a failed send.
 */
export function MessageComposer({
  value,
  onChange,
  onSend,
  sending,
  blocked,
  error,
  strings,
}: MessageComposerProps) {
  const remaining = remainingChars(value);
  const ready = canSend(value) && !sending && !blocked;
  const send = () => {
    if (ready) onSend();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };
  const counter = remaining === undefined || remaining < 0 ? undefined : strings.remaining(remaining);
  const description = [strings.hint, counter].filter(Boolean).join(' · ') || undefined;

  return (
    <form onSubmit={submit} noValidate data-testid="message-composer">
      <Stack gap="xs">
        <Textarea
          label={strings.label}
          description={description}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          onKeyDown={keyDown}
          error={remaining !== undefined && remaining < 0 ? strings.tooLong(-remaining) : error}
          autosize
          minRows={3}
          maxRows={12}
          // Mantine's description grey falls short of 4.5:1 on white.
          styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
          data-testid="message-input"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={sending} disabled={!ready && !sending} data-testid="message-send">
            {strings.send}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

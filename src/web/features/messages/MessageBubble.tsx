import { Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';

interface MessageBubbleProps {
  /** Written by the reader's side: shown on the right, tinted. */
  mine: boolean;
  author: string;
  /** ISO time of sending, and how to show it. */
  sentAt: string;
  time: string;
  body: string;
  /** For exercise feedback: its label and the exercise it is about. */
  feedback?: { label: string; exercise: string };
  /** For a correction request: its label, e.g. "Correction requested: email". */
  correction?: string;
  /** Under the reader's own message: that the other side read it, and when. */
  receipt?: string;
  kind: string;
}

/** One message of a conversation (an item of MessageLog's list); the words come from the caller's app. */
export function MessageBubble({
  mine,
  author,
  sentAt,
  time,
  body,
  feedback,
  correction,
  receipt,
  kind,
}: MessageBubbleProps) {
  return (
    <Box
      component="li"
      style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start' }}
      data-testid="message"
      data-kind={kind}
      data-mine={mine}
    >
      <Stack gap={2} maw="85%" align={mine ? 'flex-end' : 'flex-start'}>
        <Paper withBorder p="sm" radius="md" bg={mine ? 'teal.0' : 'white'} w="100%">
          <Stack gap={4}>
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text size="sm" fw={600}>
                {author}
              </Text>
              <Text size="xs" c="gray.7" component="time" dateTime={sentAt}>
                {time}
              </Text>
            </Group>
            {feedback ? (
              <Group gap="xs" wrap="wrap">
                <Badge variant="light" color="grape">
                  {feedback.label}
                </Badge>
                <Text size="sm" fw={600} data-testid="message-exercise">
                  {feedback.exercise}
                </Text>
              </Group>
            ) : null}
            {correction ? (
              <Badge variant="light" color="grape" data-testid="message-correction">
                {correction}
              </Badge>
            ) : null}
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{body}</Text>
          </Stack>
        </Paper>
        {receipt ? (
          <Text size="xs" c="gray.7" data-testid="message-receipt">
            {receipt}
          </Text>
        ) : null}
      </Stack>
    </Box>
  );
}

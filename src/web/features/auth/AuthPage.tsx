import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';

interface AuthPageProps {
  title: string;
  intro?: ReactNode;
  testId: string;
  children: ReactNode;
}

/** The body of a public page's card: its heading, an optional introduction, then the form. */
export function AuthPage({ title, intro, testId, children }: AuthPageProps) {
  useDocumentTitle(title);
  return (
    <Stack gap="md" data-testid={testId}>
      <Title order={1} size="h2">
        {title}
      </Title>
      {intro ? <Text c="dimmed">{intro}</Text> : null}
      {children}
    </Stack>
  );
}

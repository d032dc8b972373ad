import { Anchor, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from './useDocumentTitle.js';

interface ErrorPanelProps {
  /** A plain href, so the link works even when the router itself has failed. */
  homeHref: string;
}

/** The page shown when something failed unexpectedly: an apology, reload, and a way home. */
export function ErrorPanel({ homeHref }: ErrorPanelProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('error.title'));
  return (
    <Container size="sm" py="xl" data-testid="page-error" role="alert">
      <Stack gap="md">
        <Title order={1}>{t('error.title')}</Title>
        <Text>{t('error.body')}</Text>
        <Group>
          <Button onClick={() => window.location.reload()}>{t('error.reload')}</Button>
          <Anchor href={homeHref}>{t('error.home')}</Anchor>
        </Group>
      </Stack>
    </Container>
  );
}

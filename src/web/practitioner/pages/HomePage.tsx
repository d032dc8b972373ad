import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ServerStatus } from '../../features/health/ServerStatus.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';

/** The dashboard: a welcome and, for now, the server's status. */
export function HomePage() {
  const { t } = useTranslation('practitioner');
  useDocumentTitle(t('nav.home'));
  return (
    <Stack gap="lg" maw={720} data-testid="page-home">
      <Title order={1}>{t('home.title')}</Title>
      <Text size="lg">{t('home.intro')}</Text>
      <ServerStatus />
    </Stack>
  );
}

import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';

/** The first screen of the patient app; region and access code steps follow in a later issue. */
export function WelcomePage() {
  const { t } = useTranslation('patient');
  useDocumentTitle(t('welcome.title'));
  return (
    <Paper p="lg" radius="lg" withBorder data-testid="patient-welcome">
      <Stack gap="md">
        <Title order={1}>{t('welcome.title')}</Title>
        <Text size="lg" fw={600}>
          {t('welcome.lead')}
        </Text>
        <Text>{t('welcome.body')}</Text>
        <Text>{t('welcome.accessCode')}</Text>
        <Text size="sm" c="dimmed">
          {t('welcome.privacy')}
        </Text>
      </Stack>
    </Paper>
  );
}

import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Downloads of everything held about the client, as Rehabit's JSON or a FHIR R4 Bundle. Plain links:
 * the browser sends the session cookie, saves the attachment itself and streams it to disk.
 */
export function ClientExportCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation('care');
  const href = (format: 'json' | 'fhir') => `/api/v1/clients/${clientId}/export?format=${format}`;
  return (
    <Card withBorder padding="md" data-testid="client-export">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('export.title')}
        </Title>
        <Text size="sm">{t('export.intro')}</Text>
        <Group>
          <Button component="a" href={href('json')} download variant="default">
            {t('export.json')}
          </Button>
          <Button component="a" href={href('fhir')} download variant="default">
            {t('export.fhir')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

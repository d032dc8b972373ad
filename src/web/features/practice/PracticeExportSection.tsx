import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The owner's full export (a zip), for keeping a copy or leaving the service. A plain link, so the
 * browser streams the archive to disk instead of holding it in memory.
 */
export function PracticeExportSection() {
  const { t } = useTranslation('practice');
  return (
    <Stack gap="sm">
      <Text>{t('export.intro')}</Text>
      <Group>
        <Button component="a" href="/api/v1/practice/export" download data-testid="practice-export-button">
          {t('export.button')}
        </Button>
      </Group>
    </Stack>
  );
}

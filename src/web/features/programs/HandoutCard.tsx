import { Button, Card, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programApi } from './programsApi.js';

/** Downloads the printable handout (exercises, access code, QR code) in the language chosen. */
export function HandoutCard(props: { clientId: string; available: boolean; defaultLanguage: 'en' | 'de' }) {
  const { t } = useTranslation('clinical');
  const [language, setLanguage] = useState(props.defaultLanguage);
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('program.handout')}
        </Title>
        <NativeSelect
          size="xs"
          label={t('program.handoutLanguage')}
          value={language}
          onChange={(event) => setLanguage(event.currentTarget.value as 'en' | 'de')}
          data={[
            { value: 'en', label: t('vocab.language.en') },
            { value: 'de', label: t('vocab.language.de') },
          ]}
        />
        {props.available ? (
          // A plain link: the browser downloads it with the session cookie, no script involved.
          <Button
            component="a"
            href={programApi.handoutUrl(props.clientId, language)}
            download
            variant="light"
          >
            {t('program.downloadPdf')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('program.saveFirst')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

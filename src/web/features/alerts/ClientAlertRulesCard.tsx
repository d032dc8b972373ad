import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAlertRules } from './alertsApi.js';
import { PainThresholdForm } from './PainThresholdForm.js';

/** One client's pain alert threshold, overriding the practice's default (or going back to it). */
export function ClientAlertRulesCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation('care');
  const practiceDefault = useAlertRules(null).data?.effective.painAtOrAbove;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="alert-rules-title"
      data-testid="client-alert-rules"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="alert-rules-title">
          {t('rules.clientTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('rules.clientIntro')}
        </Text>
        <PainThresholdForm
          clientId={clientId}
          editable
          inheritLabel={
            practiceDefault === undefined
              ? t('rules.practiceDefaultPlain')
              : t('rules.practiceDefault', { value: practiceDefault })
          }
        />
      </Stack>
    </Card>
  );
}

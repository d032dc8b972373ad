import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AlertRulesForm } from './AlertRulesForm.js';
import { useAlertRules } from './alertsApi.js';

/** One client's alert rules, overriding the practice's defaults (or going back to them). */
export function ClientAlertRulesCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation('care');
  const practice = useAlertRules(null).data?.effective;
  const inherit = (value: string | number | undefined) =>
    value === undefined ? t('rules.practiceDefaultPlain') : t('rules.practiceDefault', { value });
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
        <AlertRulesForm
          clientId={clientId}
          editable
          inherit={{
            pain: inherit(practice?.painAtOrAbove),
            days: inherit(
              practice === undefined
                ? undefined
                : practice.noAdherenceDays === 0
                  ? t('rules.off')
                  : t('rules.days', { count: practice.noAdherenceDays }),
            ),
            worse: inherit(
              practice === undefined ? undefined : practice.scoreWorseByMcid ? t('rules.on') : t('rules.off'),
            ),
          }}
        />
      </Stack>
    </Card>
  );
}

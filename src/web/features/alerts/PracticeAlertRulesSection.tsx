import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AlertRulesForm } from './AlertRulesForm.js';
import {
  DEFAULT_NO_ADHERENCE_DAYS,
  DEFAULT_PAIN_AT_OR_ABOVE,
  DEFAULT_SCORE_WORSE_BY_MCID,
} from './alertsApi.js';

/** The practice's default alert rules: the owner sets them, practitioners read them. */
export function PracticeAlertRulesSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation('care');
  return (
    <Stack gap="sm" maw={640}>
      <AlertRulesForm
        clientId={null}
        editable={editable}
        inherit={{
          pain: t('rules.rehabitDefault', { value: DEFAULT_PAIN_AT_OR_ABOVE }),
          days: t('rules.rehabitDefault', { value: t('rules.days', { count: DEFAULT_NO_ADHERENCE_DAYS }) }),
          worse: t('rules.rehabitDefault', {
            value: DEFAULT_SCORE_WORSE_BY_MCID ? t('rules.on') : t('rules.off'),
          }),
        }}
      />
      {editable ? null : (
        <Text size="sm" c="dimmed">
          {t('rules.ownerOnly')}
        </Text>
      )}
    </Stack>
  );
}

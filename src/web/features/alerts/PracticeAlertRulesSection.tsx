import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PAIN_AT_OR_ABOVE } from './alertsApi.js';
import { PainThresholdForm } from './PainThresholdForm.js';

/** The practice's default pain threshold: the owner sets it, practitioners read it. */
export function PracticeAlertRulesSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation('care');
  return (
    <Stack gap="sm" maw={640}>
      <PainThresholdForm
        clientId={null}
        editable={editable}
        inheritLabel={t('rules.rehabitDefault', { value: DEFAULT_PAIN_AT_OR_ABOVE })}
      />
      {editable ? null : (
        <Text size="sm" c="dimmed">
          {t('rules.ownerOnly')}
        </Text>
      )}
    </Stack>
  );
}

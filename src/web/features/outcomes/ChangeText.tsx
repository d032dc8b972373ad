import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatTotal } from './measureText.js';
import type { Change } from './outcomesApi.js';

/** The change from the baseline in words ("−3, better"), marked when it reaches the MCID. */
export function ChangeText({ change }: { change: Change | null }) {
  const { t, i18n } = useTranslation('outcomes');
  if (!change) return <Text size="sm">{t('change.baseline')}</Text>;
  const delta = `${change.delta > 0 ? '+' : change.delta < 0 ? '−' : '±'}${formatTotal(
    Math.abs(change.delta),
    i18n.resolvedLanguage ?? 'en',
  )}`;
  const direction = change.improved ? 'improved' : change.worsened ? 'worsened' : 'same';
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{t(`change.${direction}`, { delta })}</Text>
      {change.clinicallyImportant ? (
        // Filled in the darker shades, where the white words meet 4.5:1.
        <Badge
          color={change.worsened ? 'red.8' : 'teal.9'}
          variant="filled"
          data-testid="clinically-important"
        >
          {t('change.important')}
        </Badge>
      ) : null}
    </Group>
  );
}

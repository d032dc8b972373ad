import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SELF_HARM_FLAG } from './outcomesApi.js';

/**
 * A response's flags. The self-harm flag is a filled red badge whose words say what it is, so it
 * stands out without relying on colour.
 */
export function ScoreFlags({ flags }: { flags: string[] }) {
  const { t, i18n } = useTranslation('outcomes');
  if (flags.length === 0) return null;
  return (
    <Group gap={4}>
      {flags.map((flag) =>
        flag === SELF_HARM_FLAG ? (
          <Badge key={flag} color="red" variant="filled" data-testid="flag-self-harm">
            {t('flags.self_harm_risk')}
          </Badge>
        ) : (
          <Badge key={flag} color="orange" variant="light">
            {i18n.exists(`outcomes:flags.${flag}`) ? t(`flags.${flag as 'self_harm_risk'}`) : flag}
          </Badge>
        ),
      )}
    </Group>
  );
}

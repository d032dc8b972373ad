import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { inLanguage, type Processor } from './privacyApi.js';

/** The outside processors, each with where it works, what it does and which data it receives. */
export function ProcessorList({
  processors,
  headingOrder,
}: {
  processors: Processor[];
  headingOrder: 3 | 4;
}) {
  const { t, i18n } = useTranslation('practice');
  if (processors.length === 0) return <Text data-testid="processors-none">{t('processors.none')}</Text>;
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="processors">
      {processors.map((processor) => (
        <Paper component="li" withBorder p="sm" radius="md" key={processor.name} data-testid="processor">
          <Stack gap={4}>
            <Group justify="space-between" gap="xs">
              <Title order={headingOrder} size="h5">
                {processor.name}
              </Title>
              {processor.source === 'derived' ? (
                <Badge variant="light" color="gray">
                  {t('processors.derived')}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm">{inLanguage(processor.purpose, i18n.language)}</Text>
            <Text size="sm">
              {t('processors.location')}: {processor.location ?? t('processors.locationUnknown')}
            </Text>
            <Text size="sm">
              {t('processors.categories')}:{' '}
              {processor.dataCategories
                .map((category) => inLanguage(category.label, i18n.language))
                .join(', ')}
            </Text>
            {processor.termsUrl ? (
              <Anchor size="sm" href={processor.termsUrl} target="_blank" rel="noopener noreferrer">
                {t('processors.terms')}
              </Anchor>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

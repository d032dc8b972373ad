import { Card, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { useClinicalErrors } from '../clients/errors.js';
import { useProgress, useResponses } from './outcomesApi.js';
import { ProgressChart } from './ProgressChart.js';

/** A chart for each measure the client has a scored response to, in the order first answered. */
export function ProgressSection({ clientId, lang }: { clientId: string; lang: string }) {
  const { t } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  const responses = useResponses(clientId);
  const measures = [
    ...new Set(
      (responses.data ?? []).filter((response) => response.score.total !== null).map((r) => r.measure),
    ),
  ];
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="progress-title"
      data-testid="outcome-progress"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="progress-title">
          {t('progress.title')}
        </Title>
        {responses.isError ? <FormError>{errors.message(responses.error)}</FormError> : null}
        {responses.isPending ? <Skeleton h={200} /> : null}
        {responses.data && measures.length === 0 ? <Text c="gray.7">{t('progress.none')}</Text> : null}
        {measures.map((measure) => (
          <MeasureProgress key={measure} clientId={clientId} measure={measure} lang={lang} />
        ))}
      </Stack>
    </Card>
  );
}

function MeasureProgress({ clientId, measure, lang }: { clientId: string; measure: string; lang: string }) {
  const errors = useClinicalErrors();
  const progress = useProgress(clientId, measure, lang);
  if (progress.isPending) return <Skeleton h={200} />;
  if (progress.isError) return <FormError>{errors.message(progress.error)}</FormError>;
  return <ProgressChart progress={progress.data} />;
}

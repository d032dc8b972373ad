import { Card, Group, Skeleton, Stack, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useClinicalErrors } from '../clients/errors.js';
import { useCurrentProgram } from '../programs/programsApi.js';
import { AdherenceStats } from './AdherenceStats.js';
import { useAdherence } from './adherenceApi.js';
import { ExerciseTable } from './ExerciseTable.js';
import { PainChart } from './PainChart.js';
import { PeriodPicker } from './PeriodPicker.js';
import { isPeriod, localDay, type PeriodDays, periodEnding } from './period.js';
import { RecentEntries } from './RecentEntries.js';

// Four weeks, the server's own default: long enough for a trend, short enough to be current.
const DEFAULT_PERIOD: PeriodDays = 28;

/** Exercise titles by program item and by exercise, from the client's current program. */
function useExerciseTitles(clientId: string) {
  const { t, i18n } = useTranslation('care');
  const lang = i18n.resolvedLanguage === 'de' ? 'de' : 'en';
  const program = useCurrentProgram(clientId, lang).data?.program;
  return useMemo(() => {
    const byItem = new Map<string, string>();
    const byExercise = new Map<string, string>();
    for (const item of program?.items ?? []) {
      if (!item.exercise) continue;
      byItem.set(item.id, item.exercise.title);
      byExercise.set(item.exerciseId, item.exercise.title);
    }
    // An entry may name an item of an older version; its exercise may still be in the program.
    const unknown = t('perExercise.unknown');
    return {
      ofItem: (programItemId: string) => byItem.get(programItemId) ?? unknown,
      ofRow: (row: { programItemId: string; exerciseId: string }) =>
        byItem.get(row.programItemId) ?? byExercise.get(row.exerciseId) ?? unknown,
    };
  }, [program, t]);
}

/** The client's adherence over a period the practitioner picks (kept in the address as ?period=). */
export function AdherenceSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation('care');
  const errors = useClinicalErrors();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('period'));
  const days = isPeriod(asked) ? asked : DEFAULT_PERIOD;
  const period = periodEnding(days, localDay(new Date()));
  const adherence = useAdherence(clientId, period);
  const titles = useExerciseTitles(clientId);
  const summary = adherence.data?.summary;

  const choose = (next: PeriodDays) =>
    setParams(
      (current) => {
        current.set('period', String(next));
        return current;
      },
      { replace: true, preventScrollReset: true },
    );

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="adherence-title"
      data-testid="adherence"
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3" id="adherence-title">
            {t('adherence.title')}
          </Title>
          <PeriodPicker value={days} onChange={choose} />
        </Group>
        {adherence.isError ? <FormError>{errors.message(adherence.error)}</FormError> : null}
        {adherence.isPending ? <Skeleton h={240} /> : null}
        {summary ? (
          <Stack gap="lg" aria-busy={adherence.isPlaceholderData}>
            <AdherenceStats summary={summary} />
            <Stack gap="xs">
              <Title order={3} size="h4">
                {t('pain.title')}
              </Title>
              <PainChart period={summary} trend={summary.painTrend} />
            </Stack>
            <Stack gap="xs">
              <Title order={3} size="h4">
                {t('perExercise.title')}
              </Title>
              <ExerciseTable rows={summary.perExercise} titleOf={titles.ofRow} />
            </Stack>
            <Stack gap="xs">
              <Title order={3} size="h4">
                {t('entries.title')}
              </Title>
              <RecentEntries entries={adherence.data?.items ?? []} titleOf={titles.ofItem} />
            </Stack>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

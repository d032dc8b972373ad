import { Card, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdherenceSummary } from './adherenceApi.js';
import { useDayFormat } from './format.js';

function Stat({
  label,
  value,
  hint,
  children,
}: {
  label: string;
  value: string;
  hint?: string;
  children?: ReactNode;
}) {
  return (
    <Card withBorder padding="sm">
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text fz="xl" fw={700}>
          {value}
        </Text>
        {children}
        {hint ? (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The period's headline numbers: percent done, streaks, missed days, last activity. */
export function AdherenceStats({ summary }: { summary: AdherenceSummary }) {
  const { t } = useTranslation('care');
  const day = useDayFormat();
  const { percent } = summary;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" data-testid="adherence-stats">
      <Stat
        label={t('adherence.done')}
        value={percent === null ? '—' : t('adherence.percent', { percent })}
        hint={
          percent === null
            ? t('adherence.nothingPrescribed')
            : t('adherence.doneOf', { done: summary.done, prescribed: summary.prescribed })
        }
      >
        {percent === null ? null : (
          <Progress value={Math.min(100, percent)} aria-label={t('adherence.done')} size="sm" />
        )}
      </Stat>
      <Stat
        label={t('adherence.currentStreak')}
        value={t('adherence.dayCount', { count: summary.currentStreak })}
        hint={t('adherence.longestStreak', { count: summary.longestStreak })}
      />
      <Stat
        label={t('adherence.missedDays')}
        value={String(summary.missedDays)}
        hint={t('adherence.activeDays', { count: summary.activeDays })}
      />
      <Stat
        label={t('adherence.lastActivity')}
        value={summary.lastActivity ? day.medium(summary.lastActivity) : t('adherence.never')}
        hint={summary.lastActivity ? day.ago(summary.lastActivity) : undefined}
      />
    </SimpleGrid>
  );
}

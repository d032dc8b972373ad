import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface Counts {
  /** Sets finished. */
  sets: number;
  /** Reps in the set under way. */
  reps: number;
}

interface SetCounterProps {
  prescribedSets: number | null;
  counts: Counts;
  onChange(counts: Counts): void;
}

/** Tap once per rep and once per set; the log form below starts from these counts. */
export function SetCounter({ prescribedSets, counts, onChange }: SetCounterProps) {
  const { t } = useTranslation('patient');
  const current = counts.sets + 1;
  return (
    <Paper p="md" radius="md" withBorder component="section" aria-label={t('exercise.counter.heading')}>
      <Title order={2} size="h4" mb="xs">
        {t('exercise.counter.heading')}
      </Title>
      <Text fw={600} role="status" aria-live="polite">
        {prescribedSets
          ? t('exercise.counter.set', { current: Math.min(current, prescribedSets), total: prescribedSets })
          : t('exercise.counter.setOpen', { current })}
        {' · '}
        {t('exercise.counter.reps', { count: counts.reps })}
      </Text>
      <Group grow mt="sm">
        <Button size="md" onClick={() => onChange({ ...counts, reps: counts.reps + 1 })}>
          {t('exercise.counter.addRep')}
        </Button>
        <Button size="md" variant="light" onClick={() => onChange({ sets: counts.sets + 1, reps: 0 })}>
          {t('exercise.counter.nextSet')}
        </Button>
      </Group>
      <Button variant="subtle" size="xs" mt="xs" onClick={() => onChange({ sets: 0, reps: 0 })}>
        {t('exercise.counter.resetCounters')}
      </Button>
    </Paper>
  );
}

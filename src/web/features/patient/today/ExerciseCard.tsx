import { Badge, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Dosage } from '../Dosage.js';
import type { TodayItem } from '../todayView.js';

interface ExerciseCardProps {
  entry: TodayItem;
  onDoneAll(): void;
}

/** One exercise on the today screen: its dose, today's progress, "Open" and one-tap "Done all". */
export function ExerciseCard({ entry, onDoneAll }: ExerciseCardProps) {
  const { t } = useTranslation('patient');
  const { item, state } = entry;
  const total = state.doneToday + state.remainingToday;
  const title = item.exercise.title;
  const progress = state.due
    ? t('today.progress', { done: state.doneToday, total })
    : state.doneToday > 0
      ? t('today.doneForToday')
      : t('today.notToday');
  return (
    <Paper component="li" p="md" radius="md" withBorder data-testid="exercise-card" data-item-id={item.id}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} size="h4">
            {title}
          </Title>
          <Badge
            color={state.due ? 'teal' : 'gray.7'}
            variant={state.due ? 'filled' : 'outline'}
            style={{ flexShrink: 0 }}
          >
            {progress}
          </Badge>
        </Group>
        <Dosage item={item} />
        <Group gap="sm" grow>
          <Button
            component={Link}
            to={`/exercises/${item.id}`}
            variant="default"
            aria-label={t('today.openLabel', { title })}
          >
            {t('today.open')}
          </Button>
          {state.due && (
            <Button onClick={onDoneAll} aria-label={t('today.doneAllLabel', { title })}>
              {t('today.doneAll')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

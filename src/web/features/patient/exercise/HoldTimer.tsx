import { Button, Group, Paper, Progress, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Counts a hold down; the screen reader hears the end, not every second. */
export function HoldTimer({ seconds }: { seconds: number }) {
  const { t } = useTranslation('patient');
  const [left, setLeft] = useState(seconds);
  const [running, setRunning] = useState(false);

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => {
      setLeft((value) => {
        if (value <= 1) {
          setRunning(false);
          // A short buzz where phones allow it: the patient is looking at the exercise, not the screen.
          navigator.vibrate?.(300);
          return 0;
        }
        return value - 1;
      });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [running]);

  return (
    <Paper p="md" radius="md" withBorder component="section" aria-label={t('exercise.timer.heading')}>
      <Title order={2} size="h4" mb="xs">
        {t('exercise.timer.heading')}
      </Title>
      <Text fz={36} fw={700} ta="center" aria-hidden="true" data-testid="hold-seconds">
        {left}
      </Text>
      <Progress value={(100 * (seconds - left)) / seconds} aria-hidden="true" mb="sm" />
      <Text ta="center" role="status" aria-live="polite" size="sm">
        {left === 0
          ? t('exercise.timer.finished')
          : running
            ? ''
            : t('exercise.timer.remaining', { count: left })}
      </Text>
      <Group grow mt="sm">
        <Button
          onClick={() => {
            if (left === 0) setLeft(seconds);
            setRunning((value) => !value);
          }}
        >
          {running ? t('exercise.timer.pause') : t('exercise.timer.start')}
        </Button>
        <Button
          variant="default"
          onClick={() => {
            setRunning(false);
            setLeft(seconds);
          }}
        >
          {t('exercise.timer.reset')}
        </Button>
      </Group>
    </Paper>
  );
}

import { ActionIcon, Alert, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../ui/PageLoader.js';
import { useDocumentTitle } from '../../../ui/useDocumentTitle.js';
import { addMonths, monthGrid, monthOf, monthRange } from '../dates.js';
import { useOutbox } from '../outbox.js';
import { patientApi, patientKeys } from '../patientApi.js';
import { useToday } from '../useNetwork.js';
import { useProgram } from '../useProgram.js';

// Read by screen readers, not shown: the month is already the visible heading above the table.
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

interface DayLog {
  key: string;
  programItemId: string;
  setsDone: number | null;
  repsDone: number | null;
  painLevel: number | null;
  comment: string | null;
  waiting: boolean;
}

/** A month calendar of what was logged (the server's entries plus those still waiting to be sent). */
export default function HistoryPage() {
  const { t, i18n } = useTranslation('patient');
  useDocumentTitle(t('history.title'));
  const today = useToday();
  const [month, setMonth] = useState(monthOf(today));
  const [selected, setSelected] = useState(today);
  const range = monthRange(month);
  const history = useQuery({
    queryKey: patientKeys.history(month),
    queryFn: () => patientApi.history(range.from, range.to),
    networkMode: 'always',
    retry: false,
  });
  const { entries } = useOutbox();
  const { data: program } = useProgram();
  const titles = new Map(program?.program?.items.map((item) => [item.id, item.exercise.title]));

  const byDay = useMemo(() => {
    const days = new Map<string, DayLog[]>();
    const add = (date: string, log: DayLog) => days.set(date, [...(days.get(date) ?? []), log]);
    for (const entry of history.data?.items ?? [])
      add(entry.date, { ...entry, key: entry.id, waiting: false });
    for (const entry of entries)
      if (entry.state === 'pending') add(entry.date, { ...entry, key: entry.clientEntryId, waiting: true });
    return days;
  }, [history.data, entries]);

  const monthLabel = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' }).format(
    new Date(`${month}-15T12:00:00`),
  );
  const dayLabel = (day: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(new Date(`${day}T12:00:00`));
  const weekdays = t('history.weekdays').split(',');
  const logs = byDay.get(selected) ?? [];

  return (
    <Stack gap="lg" data-testid="patient-history">
      <Title order={1}>{t('history.title')}</Title>
      {history.isError && (
        <Alert color="yellow" variant="light" role="status">
          {t('history.unavailable')}
        </Alert>
      )}
      <Paper p="md" radius="md" withBorder>
        <Group justify="space-between" mb="sm">
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('history.previous')}
            onClick={() => setMonth(addMonths(month, -1))}
          >
            ‹
          </ActionIcon>
          <Title order={2} size="h4" aria-live="polite">
            {monthLabel}
          </Title>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('history.next')}
            disabled={month >= monthOf(today)}
            onClick={() => setMonth(addMonths(month, 1))}
          >
            ›
          </ActionIcon>
        </Group>
        {history.isPending ? (
          <PageLoader />
        ) : (
          <table style={{ width: '100%', borderCollapse: 'collapse', textAlign: 'center' }}>
            <caption style={visuallyHidden}>{monthLabel}</caption>
            <thead>
              <tr>
                {weekdays.map((day) => (
                  <th key={day} scope="col" style={{ fontWeight: 500, fontSize: 12, padding: 4 }}>
                    {day}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthGrid(month).map((week) => (
                <tr key={week.find(Boolean) ?? month}>
                  {week.map((day, index) => {
                    // Blank cells hold no state; their position in the week is their identity.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                    if (!day) return <td key={`blank-${index}`} />;
                    const count = byDay.get(day)?.length ?? 0;
                    const label = count
                      ? t('history.day', { date: dayLabel(day), count })
                      : t('history.dayEmpty', { date: dayLabel(day) });
                    return (
                      <td key={day} style={{ padding: 2 }}>
                        <UnstyledButton
                          aria-label={label}
                          aria-pressed={day === selected}
                          disabled={day > today}
                          onClick={() => setSelected(day)}
                          data-testid={`day-${day}`}
                          style={{
                            width: '100%',
                            minHeight: 40,
                            borderRadius: 8,
                            fontWeight: day === today ? 700 : 400,
                            background: count ? 'var(--mantine-color-teal-1)' : undefined,
                            outline: day === selected ? '2px solid var(--mantine-color-teal-9)' : undefined,
                            color: day > today ? 'var(--mantine-color-gray-6)' : undefined,
                          }}
                        >
                          {Number(day.slice(8))}
                          {count > 0 && <span aria-hidden="true"> •</span>}
                        </UnstyledButton>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Paper>
      <Stack gap="xs" component="section" aria-labelledby="day-heading">
        <Title order={2} size="h4" id="day-heading">
          {t('history.selected', { date: dayLabel(selected) })}
        </Title>
        {logs.length === 0 ? (
          <Text>{t('history.none')}</Text>
        ) : (
          <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {logs.map((log) => (
              <Paper component="li" key={log.key} p="sm" radius="md" withBorder>
                <Text fw={600}>{titles.get(log.programItemId) ?? t('history.earlierExercise')}</Text>
                <Text size="sm">
                  {t('history.summary', { sets: log.setsDone ?? '–', reps: log.repsDone ?? '–' })}
                  {log.painLevel !== null && ` · ${t('history.pain', { level: log.painLevel })}`}
                  {log.waiting && ` · ${t('history.waiting')}`}
                </Text>
                {log.comment && <Text size="sm">{log.comment}</Text>}
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

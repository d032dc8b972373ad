import { Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdherenceEntry } from './adherenceApi.js';
import { useDayFormat } from './format.js';

/** Entries shown before "show all": enough to read the last days' comments at a glance. */
const FIRST = 10;

/** What the client did, as "3 × 10, 5 s hold"; parts the client left empty are left out. */
function useDose() {
  const { t } = useTranslation('care');
  return (entry: AdherenceEntry) => {
    const parts: string[] = [];
    if (entry.setsDone !== null && entry.repsDone !== null)
      parts.push(t('entries.setsReps', { sets: entry.setsDone, reps: entry.repsDone }));
    else if (entry.setsDone !== null) parts.push(t('entries.sets', { count: entry.setsDone }));
    else if (entry.repsDone !== null) parts.push(t('entries.reps', { count: entry.repsDone }));
    if (entry.holdSeconds !== null) parts.push(t('entries.hold', { seconds: entry.holdSeconds }));
    return parts.join(', ') || '—';
  };
}

/** The period's logs, newest first, with the client's comments. */
export function RecentEntries(props: {
  entries: AdherenceEntry[];
  titleOf: (programItemId: string) => string;
}) {
  const { t } = useTranslation('care');
  const day = useDayFormat();
  const dose = useDose();
  const [all, setAll] = useState(false);
  if (props.entries.length === 0) return <Text c="dimmed">{t('entries.empty')}</Text>;
  const sorted = [...props.entries].sort(
    (a, b) => b.date.localeCompare(a.date) || b.receivedAt.localeCompare(a.receivedAt),
  );
  const shown = all ? sorted : sorted.slice(0, FIRST);
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={t('entries.title')} data-testid="adherence-entries" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('entries.date')}</Table.Th>
              <Table.Th>{t('entries.exercise')}</Table.Th>
              <Table.Th>{t('entries.dose')}</Table.Th>
              <Table.Th>{t('entries.pain')}</Table.Th>
              <Table.Th>{t('entries.comment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((entry) => (
              <Table.Tr key={entry.id} data-testid="adherence-entry">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{day.medium(entry.date)}</Table.Td>
                <Table.Td>{props.titleOf(entry.programItemId)}</Table.Td>
                <Table.Td>{dose(entry)}</Table.Td>
                <Table.Td>{entry.painLevel ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{entry.comment ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {sorted.length > FIRST ? (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => setAll(!all)}>
            {all ? t('entries.showFewer') : t('entries.showAll', { count: sorted.length })}
          </Button>
        </Group>
      ) : null}
    </>
  );
}

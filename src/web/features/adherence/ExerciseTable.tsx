import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExerciseAdherence } from './adherenceApi.js';
import { useDayFormat } from './format.js';

/** Per exercise of the program: sessions done against prescribed, when last done, average pain. */
export function ExerciseTable(props: {
  rows: ExerciseAdherence[];
  titleOf: (row: ExerciseAdherence) => string;
}) {
  const { t } = useTranslation('care');
  const day = useDayFormat();
  if (props.rows.length === 0) return <Text c="dimmed">{t('perExercise.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={t('perExercise.title')} striped data-testid="adherence-per-exercise">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('perExercise.exercise')}</Table.Th>
            <Table.Th>{t('perExercise.done')}</Table.Th>
            <Table.Th>{t('perExercise.percent')}</Table.Th>
            <Table.Th>{t('perExercise.lastDone')}</Table.Th>
            <Table.Th>{t('perExercise.averagePain')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={row.programItemId}>
              <Table.Td>{props.titleOf(row)}</Table.Td>
              <Table.Td>{t('adherence.doneOf', { done: row.done, prescribed: row.prescribed })}</Table.Td>
              <Table.Td>
                {row.percent === null ? '—' : t('adherence.percent', { percent: row.percent })}
              </Table.Td>
              <Table.Td>{row.lastDone ? day.medium(row.lastDone) : t('adherence.never')}</Table.Td>
              <Table.Td>{row.averagePain ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

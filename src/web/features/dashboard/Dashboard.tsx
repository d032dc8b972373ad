import {
  Anchor,
  Card,
  Group,
  Progress,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDayFormat } from '../adherence/format.js';
import { PeriodPicker } from '../adherence/PeriodPicker.js';
import type { PeriodDays } from '../adherence/period.js';
import { useClinicalErrors } from '../clients/errors.js';
import { type OverviewSort, useAdherenceOverview } from './dashboardApi.js';

/** A column header that sorts the list (the server sorts); aria-sort tells which one does. */
function SortHeader(props: {
  sort: OverviewSort;
  current: OverviewSort;
  label: string;
  onSort: (sort: OverviewSort) => void;
}) {
  const active = props.sort === props.current;
  // Each sort has one direction: the clients needing attention (or A–Z) first.
  const direction = props.sort === 'inactive' ? 'descending' : 'ascending';
  return (
    <Table.Th aria-sort={active ? direction : undefined}>
      <UnstyledButton
        onClick={() => props.onSort(props.sort)}
        fw={active ? 700 : 500}
        fz="sm"
        data-testid={`sort-${props.sort}`}
      >
        {props.label}
        {/* The arrow is for the eye; aria-sort tells assistive technology. */}
        {active ? <span aria-hidden>{direction === 'ascending' ? ' ↑' : ' ↓'}</span> : null}
      </UnstyledButton>
    </Table.Th>
  );
}

/** The workspace home's view of the practice's clients: who is active, who falls behind. */
export function Dashboard() {
  const { t } = useTranslation('care');
  const errors = useClinicalErrors();
  const day = useDayFormat();
  const [days, setDays] = useState<PeriodDays>(14);
  const [sort, setSort] = useState<OverviewSort>('inactive');
  const overview = useAdherenceOverview(days, sort);
  const items = overview.data?.items ?? [];

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="dashboard-title"
      data-testid="dashboard"
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Title order={2} size="h3" id="dashboard-title">
              {t('dashboard.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('dashboard.intro')}
            </Text>
          </Stack>
          <PeriodPicker value={days} onChange={setDays} />
        </Group>
        {overview.isError ? <FormError>{errors.message(overview.error)}</FormError> : null}
        {overview.isPending ? (
          <Skeleton h={120} />
        ) : items.length === 0 ? (
          <Text c="dimmed">{t('dashboard.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table
              aria-label={t('dashboard.title')}
              striped
              highlightOnHover
              aria-busy={overview.isPlaceholderData}
            >
              <Table.Thead>
                <Table.Tr>
                  <SortHeader sort="name" current={sort} label={t('dashboard.client')} onSort={setSort} />
                  <SortHeader
                    sort="inactive"
                    current={sort}
                    label={t('dashboard.lastActivity')}
                    onSort={setSort}
                  />
                  <Table.Th>{t('dashboard.done')}</Table.Th>
                  <SortHeader
                    sort="adherence"
                    current={sort}
                    label={t('dashboard.adherence')}
                    onSort={setSort}
                  />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((row) => (
                  <Table.Tr key={row.clientId} data-testid="dashboard-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/clients/${row.clientId}`}>
                        {row.firstName} {row.lastName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {row.lastActivity ? (
                        <span title={day.medium(row.lastActivity)}>{day.ago(row.lastActivity)}</span>
                      ) : (
                        <Text span c="dimmed" size="sm">
                          {t('adherence.never')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {t('adherence.doneOf', { done: row.done, prescribed: row.prescribed })}
                    </Table.Td>
                    <Table.Td>
                      {row.percent === null ? (
                        '—'
                      ) : (
                        <Group gap="xs" wrap="nowrap">
                          <Progress
                            value={Math.min(100, row.percent)}
                            w={80}
                            size="sm"
                            color={row.percent < 50 ? 'red' : row.percent < 80 ? 'yellow' : 'teal'}
                            aria-hidden
                          />
                          <Text size="sm">{t('adherence.percent', { percent: row.percent })}</Text>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

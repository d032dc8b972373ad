import { Button, Group, Input, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { useClinicalErrors } from '../clients/errors.js';
import { useMembers } from '../practice/practiceApi.js';
import { AlertItem } from './AlertItem.js';
import { type AlertStatus, useAlerts } from './alertsApi.js';

const statuses: AlertStatus[] = ['open', 'acknowledged', 'all'];
const isStatus = (value: string | null): value is AlertStatus => statuses.some((status) => status === value);

/** The practice's alerts inbox: open ones first, each linked to its client and acknowledged from here. */
export function AlertsPage() {
  const { t } = useTranslation('care');
  useDocumentTitle(t('alerts.title'));
  return (
    <ClinicalGate title={t('alerts.title')}>
      <AlertsInbox />
    </ClinicalGate>
  );
}

function AlertsInbox() {
  const { t } = useTranslation('care');
  const errors = useClinicalErrors();
  const [params, setParams] = useSearchParams();
  const asked = params.get('status');
  const status: AlertStatus = isStatus(asked) ? asked : 'open';
  const alerts = useAlerts(status);
  const members = useMembers().data;
  const memberName = useMemo(() => {
    const names = new Map(
      (members ?? []).map((member) => [member.id, `${member.firstName} ${member.lastName}`]),
    );
    return (id: string) => names.get(id);
  }, [members]);
  const items = alerts.data?.pages.flat() ?? [];

  return (
    <Stack gap="lg" maw={880} data-testid="page-alerts">
      <Stack gap={4}>
        <Title order={1}>{t('alerts.title')}</Title>
        <Text c="dimmed">{t('alerts.intro')}</Text>
      </Stack>
      <Stack gap={4}>
        <Input.Label labelElement="div" id="alert-status-label">
          {t('alerts.statusLabel')}
        </Input.Label>
        <SegmentedControl
          aria-labelledby="alert-status-label"
          value={status}
          onChange={(next) => setParams(next === 'open' ? {} : { status: next }, { replace: true })}
          data={statuses.map((value) => ({ value, label: t(`alerts.status.${value}`) }))}
          w="fit-content"
        />
      </Stack>
      {alerts.isError ? <FormError>{errors.message(alerts.error)}</FormError> : null}
      {alerts.isPending ? (
        <Skeleton h={160} />
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="alerts-empty">
          {t(`alerts.empty.${status}`)}
        </Text>
      ) : (
        <Stack
          gap="sm"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('alerts.listLabel')}
        >
          {items.map((alert) => (
            <AlertItem key={alert.id} alert={alert} memberName={memberName} />
          ))}
        </Stack>
      )}
      {alerts.hasNextPage ? (
        <Group>
          <Button
            variant="default"
            loading={alerts.isFetchingNextPage}
            onClick={() => alerts.fetchNextPage()}
          >
            {t('alerts.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

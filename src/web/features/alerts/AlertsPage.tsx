import { Button, Group, Input, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { useClinicalErrors } from '../clients/errors.js';
import { useCatalogue } from '../outcomes/outcomesApi.js';
import { useMembers } from '../practice/practiceApi.js';
import { AlertItem } from './AlertItem.js';
import { urgentFirst } from './alertOrder.js';
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
  const { t, i18n } = useTranslation('care');
  const errors = useClinicalErrors();
  const catalogue = useCatalogue(i18n.resolvedLanguage === 'de' ? 'de' : 'en').data;
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
  // A shipped instrument is known by its code; a practice's own measure by its name.
  const measureName = useMemo(
    () => (code: string) =>
      code.startsWith('custom:') ? (catalogue?.find((entry) => entry.measure === code)?.name ?? code) : code,
    [catalogue],
  );
  const items = urgentFirst(alerts.data?.pages.flat() ?? []);

  return (
    <Stack gap="lg" maw={880} data-testid="page-alerts">
      <Stack gap={4}>
        <Title order={1}>{t('alerts.title')}</Title>
        <Text c="gray.7">{t('alerts.intro')}</Text>
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
        <Text c="gray.7" data-testid="alerts-empty">
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
            <AlertItem key={alert.id} alert={alert} memberName={memberName} measureName={measureName} />
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

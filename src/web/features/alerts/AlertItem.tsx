import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDateFormat } from '../account/format.js';
import { useDayFormat } from '../adherence/format.js';
import { useClinicalErrors } from '../clients/errors.js';
import { type Alert, acknowledgeAlert, alertKeys } from './alertsApi.js';

/** One alert: what happened, to whom (linked to the client), when, and acknowledging it. */
export function AlertItem({
  alert,
  memberName,
  measureName,
}: {
  alert: Alert;
  memberName: (id: string) => string | undefined;
  measureName: (code: string) => string;
}) {
  const { t } = useTranslation('care');
  const errors = useClinicalErrors();
  const when = useDateFormat();
  const queryClient = useQueryClient();
  const name = `${alert.client.firstName} ${alert.client.lastName}`;
  const acknowledge = useMutation({
    mutationFn: () => acknowledgeAlert(alert.id),
    // Every list and the navigation's count change with it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });

  const body = useAlertBody(alert, measureName);
  const by = alert.acknowledgedBy ? memberName(alert.acknowledgedBy) : undefined;

  return (
    <Card
      withBorder
      padding="sm"
      component="li"
      data-testid="alert-item"
      data-kind={alert.kind}
      data-urgent={alert.urgent}
      // An urgent alert stands out by its frame and its "Urgent" badge, not by colour alone.
      style={alert.urgent ? { borderColor: 'var(--mantine-color-red-7)', borderWidth: 2 } : undefined}
      bg={alert.urgent && !alert.acknowledgedAt ? 'red.0' : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Group gap="xs">
            {alert.urgent ? (
              <Badge color="red" variant="filled" data-testid="alert-urgent">
                {t('alerts.urgent')}
              </Badge>
            ) : null}
            <Badge color={alert.kind === 'pain' || alert.urgent ? 'red' : 'orange'} variant="light">
              {t(`alerts.kind.${alert.kind}`)}
            </Badge>
            <Anchor component={Link} to={`/clients/${alert.client.id}`} fw={600}>
              {name}
            </Anchor>
          </Group>
          <Text size="sm" c={alert.urgent ? 'gray.8' : 'gray.7'}>
            {when.dateTime(alert.createdAt)}
          </Text>
        </Group>
        <Text size="sm">{body}</Text>
        {alert.acknowledgedAt ? (
          <Text size="sm" c="gray.7">
            {by
              ? t('alerts.acknowledgedBy', { name: by, time: when.dateTime(alert.acknowledgedAt) })
              : t('alerts.acknowledgedAt', { time: when.dateTime(alert.acknowledgedAt) })}
          </Text>
        ) : (
          <Group>
            <Button
              size="xs"
              variant="default"
              loading={acknowledge.isPending}
              onClick={() => acknowledge.mutate()}
              aria-label={t('alerts.acknowledgeFor', { name })}
            >
              {t('alerts.acknowledge')}
            </Button>
          </Group>
        )}
        <FormError>{acknowledge.isError ? errors.message(acknowledge.error) : undefined}</FormError>
      </Stack>
    </Card>
  );
}

/** What happened, in words, by the alert's kind. */
function useAlertBody(alert: Alert, measureName: (code: string) => string): string {
  const { t, i18n } = useTranslation('care');
  const day = useDayFormat();
  const when = useDateFormat();
  switch (alert.kind) {
    case 'pain':
      return alert.details
        ? t('alerts.painBody', {
            level: alert.details.painLevel,
            date: day.medium(alert.details.date),
            threshold: alert.details.threshold,
          })
        : t('alerts.painBodyShort');
    case 'access_code_locked':
      return t('alerts.lockedBody');
    case 'no_adherence':
      return alert.details
        ? t('alerts.noAdherenceBody', {
            count: alert.details.days,
            since: when.date(alert.details.since),
            threshold: alert.details.threshold,
          })
        : t('alerts.noAdherenceBodyShort');
    case 'outcome_worse': {
      if (!alert.details) return t('alerts.outcomeWorseBodyShort');
      const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', {
        maximumFractionDigits: 1,
        signDisplay: 'always',
      });
      return t('alerts.outcomeWorseBody', {
        measure: measureName(alert.details.measure),
        delta: number.format(alert.details.delta),
        mcid: alert.details.mcid,
      });
    }
    case 'self_harm_risk':
      return t('alerts.selfHarmBody', { measure: measureName(alert.details?.measure ?? 'PHQ-9') });
  }
}

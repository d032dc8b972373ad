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
}: {
  alert: Alert;
  memberName: (id: string) => string | undefined;
}) {
  const { t } = useTranslation('care');
  const errors = useClinicalErrors();
  const when = useDateFormat();
  const day = useDayFormat();
  const queryClient = useQueryClient();
  const name = `${alert.client.firstName} ${alert.client.lastName}`;
  const acknowledge = useMutation({
    mutationFn: () => acknowledgeAlert(alert.id),
    // Every list and the navigation's count change with it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });

  const body =
    alert.kind === 'pain'
      ? alert.details
        ? t('alerts.painBody', {
            level: alert.details.painLevel,
            date: day.medium(alert.details.date),
            threshold: alert.details.threshold,
          })
        : t('alerts.painBodyShort')
      : t('alerts.lockedBody');
  const by = alert.acknowledgedBy ? memberName(alert.acknowledgedBy) : undefined;

  return (
    <Card withBorder padding="sm" component="li" data-testid="alert-item" data-kind={alert.kind}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Group gap="xs">
            <Badge color={alert.kind === 'pain' ? 'red' : 'orange'} variant="light">
              {t(`alerts.kind.${alert.kind}`)}
            </Badge>
            <Anchor component={Link} to={`/clients/${alert.client.id}`} fw={600}>
              {name}
            </Anchor>
          </Group>
          <Text size="sm" c="dimmed">
            {when.dateTime(alert.createdAt)}
          </Text>
        </Group>
        <Text size="sm">{body}</Text>
        {alert.acknowledgedAt ? (
          <Text size="sm" c="dimmed">
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

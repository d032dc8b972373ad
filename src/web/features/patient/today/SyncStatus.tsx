import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { discardRejected, syncNow, useOutbox } from '../outbox.js';
import { useOnline } from '../useNetwork.js';

/** What waits to be sent (and whether the phone is offline), so nobody wonders where a log went. */
export function SyncStatus() {
  const { t, i18n } = useTranslation('patient');
  const online = useOnline();
  const { entries, syncing, lastOutcome } = useOutbox();
  const pending = entries.filter((entry) => entry.state === 'pending');
  const rejected = entries.filter((entry) => entry.state === 'rejected');
  const dayFormat = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const formatDay = (day: string) => dayFormat.format(new Date(`${day}T12:00:00`));

  if (online && pending.length === 0 && rejected.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="sync-status" data-waiting={pending.length}>
      {!online && (
        <Alert color="yellow" variant="light" role="status">
          {t('sync.offline')}
        </Alert>
      )}
      {pending.length > 0 && (
        <Alert color="blue" variant="light" title={t('sync.waiting', { count: pending.length })}>
          <Stack gap="xs">
            <List size="sm" aria-label={t('sync.waitingList')} data-testid="waiting-list">
              {pending.map((entry) => (
                <List.Item key={entry.clientEntryId}>
                  {t('sync.entry', { title: entry.title, date: formatDay(entry.date) })}
                </List.Item>
              ))}
            </List>
            {lastOutcome?.kind === 'signed_out' && <Text size="sm">{t('sync.signedOut')}</Text>}
            {online && (
              <Group>
                <Button size="xs" variant="light" loading={syncing} onClick={() => void syncNow()}>
                  {t('sync.sendNow')}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      {rejected.length > 0 && (
        <Alert color="red" variant="light" title={t('sync.rejected', { count: rejected.length })}>
          <Stack gap="xs">
            <List size="sm">
              {rejected.map((entry) => (
                <List.Item key={entry.clientEntryId}>
                  {t('sync.entry', { title: entry.title, date: formatDay(entry.date) })}
                  {entry.problem ? ` (${entry.problem})` : ''}
                </List.Item>
              ))}
            </List>
            <Group>
              <Button size="xs" variant="light" color="red" onClick={() => void discardRejected()}>
                {t('sync.discard')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

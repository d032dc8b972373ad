import { Badge, Button, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { useSessionUpdate } from '../session/session.js';
import { type AccountSession, accountKeys, useAccountSessions } from './accountApi.js';
import { useErrorText } from './errors.js';
import { ErrorAlert } from './Feedback.js';
import { useDateFormat } from './format.js';
import { describeUserAgent } from './userAgent.js';

/** Every browser signed in to this account, with a way to end one or all of them. */
export function SessionsSection() {
  const { t } = useTranslation('account');
  const errors = useErrorText();
  const format = useDateFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { signedOut } = useSessionUpdate();
  const sessions = useAccountSessions();
  const [confirmingAll, setConfirmingAll] = useState(false);

  const endOne = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/me/sessions/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
  const endAll = useMutation({
    mutationFn: () => api('DELETE', '/api/v1/me/sessions'),
    onSuccess: async () => {
      signedOut();
      await navigate('/sign-in', { replace: true });
    },
  });

  const deviceName = (session: AccountSession) => {
    const { browser, os } = describeUserAgent(session.userAgent);
    if (browser && os) return t('sessions.device', { browser, os });
    return browser ?? os ?? t('sessions.unknownDevice');
  };

  return (
    <Stack gap="md" maw={720}>
      <Text>{t('sessions.intro')}</Text>
      {sessions.isPending && <Skeleton h={80} />}
      <ErrorAlert>{sessions.isError && errors.message(sessions.error)}</ErrorAlert>
      <ErrorAlert>{endOne.isError && errors.message(endOne.error)}</ErrorAlert>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {sessions.data?.map((session) => (
          <Paper component="li" withBorder p="sm" key={session.id} data-testid="account-session">
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={600}>{deviceName(session)}</Text>
                  {session.current && (
                    <Badge size="sm" variant="light" color="teal">
                      {t('sessions.current')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {t('sessions.ip', { ip: session.ip ?? t('common.unknown') })}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('sessions.started', { date: format.dateTime(session.createdAt) })}
                  {' · '}
                  {t('sessions.lastSeen', { date: format.dateTime(session.lastSeenAt) })}
                </Text>
              </Stack>
              {!session.current && (
                <Button
                  size="xs"
                  variant="default"
                  loading={endOne.isPending && endOne.variables === session.id}
                  onClick={() => endOne.mutate(session.id)}
                >
                  {t('sessions.signOut')}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      <Group>
        <Button variant="outline" color="red" onClick={() => setConfirmingAll(true)}>
          {t('sessions.signOutEverywhere')}
        </Button>
      </Group>
      <Modal
        opened={confirmingAll}
        onClose={() => setConfirmingAll(false)}
        title={t('sessions.everywhereTitle')}
        centered
      >
        <Stack gap="md">
          <Text size="sm">{t('sessions.everywhereBody')}</Text>
          <ErrorAlert>{endAll.isError && errors.message(endAll.error)}</ErrorAlert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingAll(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={endAll.isPending} onClick={() => endAll.mutate()}>
              {t('sessions.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

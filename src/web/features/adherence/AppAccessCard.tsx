import { Alert, Button, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { SuccessAlert } from '../account/Feedback.js';
import { useDateFormat } from '../account/format.js';
import { describeUserAgent } from '../account/userAgent.js';
import { useClinicalErrors } from '../clients/errors.js';
import { ConfirmModal } from '../programs/ConfirmModal.js';
import { adherenceKeys, signOutDevices, useAppAccess } from './adherenceApi.js';

/**
 * The client's app from the practitioner's side: a locked access code (too many wrong years of
 * birth), the devices signed in, and signing them all out — for a lost or shared phone.
 */
export function AppAccessCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation('care');
  const errors = useClinicalErrors();
  const when = useDateFormat();
  const queryClient = useQueryClient();
  const access = useAppAccess(clientId);
  const [confirming, setConfirming] = useState(false);
  const [signedOut, setSignedOut] = useState<number>();

  const deviceName = (userAgent: string | null) => {
    const { browser, os } = describeUserAgent(userAgent);
    if (browser && os) return t('appAccess.browserOn', { browser, os });
    return browser ?? os ?? t('appAccess.unknownDevice');
  };
  const signOut = async () => {
    const answer = await signOutDevices(clientId);
    setSignedOut(answer.signedOut);
    await queryClient.invalidateQueries({ queryKey: adherenceKeys.appAccess(clientId) });
  };

  const data = access.data;
  // The lock ends on its own; a time already past (a stale answer) is no longer a lock.
  const locked = data?.lockedUntil && Date.parse(data.lockedUntil) > Date.now() ? data.lockedUntil : null;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="app-access-title"
      data-testid="app-access"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="app-access-title">
          {t('appAccess.title')}
        </Title>
        {access.isPending ? <Skeleton h={80} /> : null}
        {access.isError ? <FormError>{errors.message(access.error)}</FormError> : null}
        {locked ? (
          <Alert
            color="red"
            variant="light"
            title={t('appAccess.lockedTitle')}
            data-testid="access-code-locked"
          >
            {t('appAccess.lockedBody', { time: when.dateTime(locked) })}
          </Alert>
        ) : null}
        {data && !locked && data.recentYearOfBirthFailures > 0 ? (
          <Alert color="yellow" variant="light">
            {t('appAccess.failures', { count: data.recentYearOfBirthFailures })}
          </Alert>
        ) : null}
        {data ? (
          data.devices.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="app-devices-none">
              {t('appAccess.none')}
            </Text>
          ) : (
            <Stack gap={4}>
              <Text size="sm">{t('appAccess.devices', { count: data.devices.length })}</Text>
              <List size="sm" spacing={4} data-testid="app-devices">
                {data.devices.map((device) => (
                  <List.Item key={device.id}>
                    <Text span size="sm" fw={500}>
                      {deviceName(device.userAgent)}
                    </Text>{' '}
                    <Text span size="sm" c="dimmed">
                      {t('appAccess.seen', {
                        signedIn: when.dateTime(device.createdAt),
                        lastSeen: when.dateTime(device.lastSeenAt),
                      })}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Stack>
          )
        ) : null}
        <SuccessAlert>
          {signedOut === undefined ? undefined : t('appAccess.signedOut', { count: signedOut })}
        </SuccessAlert>
        {data && data.devices.length > 0 ? (
          <Group>
            <Button
              variant="light"
              color="red"
              size="xs"
              onClick={() => {
                setSignedOut(undefined);
                setConfirming(true);
              }}
            >
              {t('appAccess.signOutAll')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('appAccess.confirmTitle')}
        body={t('appAccess.confirmBody')}
        confirmLabel={t('appAccess.signOutAll')}
        onClose={() => setConfirming(false)}
        onConfirm={signOut}
      />
    </Card>
  );
}

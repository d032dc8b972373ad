import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  startRegistration,
} from '@simplewebauthn/browser';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { accountKeys, type Passkey, usePasskeys, useRefreshMe } from './accountApi.js';
import { useErrorText } from './errors.js';
import { ErrorAlert } from './Feedback.js';
import { useDateFormat } from './format.js';
import { NameModal } from './NameModal.js';
import { PasswordConfirmModal } from './PasswordConfirmModal.js';
import { describeUserAgent } from './userAgent.js';

type Dialog = { kind: 'add' } | { kind: 'rename'; passkey: Passkey } | { kind: 'remove'; passkey: Passkey };

/** Passkeys: sign in with the device's screen lock, or use one as the second step after the password. */
export function PasskeysSection() {
  const { t } = useTranslation('account');
  const errors = useErrorText();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const refreshMe = useRefreshMe();
  const passkeys = usePasskeys();
  const [dialog, setDialog] = useState<Dialog>();
  const supported = browserSupportsWebAuthn();

  const device = describeUserAgent(navigator.userAgent);
  const defaultName =
    device.browser && device.os
      ? t('passkeys.defaultName', {
          device: t('sessions.device', { browser: device.browser, os: device.os }),
        })
      : t('passkeys.defaultNamePlain');

  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: accountKeys.passkeys });
    await refreshMe();
  };

  const add = async (name: string) => {
    const optionsJSON = await api<PublicKeyCredentialCreationOptionsJSON>(
      'POST',
      '/api/v1/me/passkeys/registration-options',
    );
    const response = await startRegistration({ optionsJSON });
    await api('POST', '/api/v1/me/passkeys', { name, response });
    await changed();
  };

  const items = passkeys.data ?? [];
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Title order={3} size="h4">
          {t('passkeys.title')}
        </Title>
        <Badge color={items.length > 0 ? 'teal' : 'gray'} variant="light">
          {t('passkeys.count', { count: items.length })}
        </Badge>
      </Group>
      <Text>{t('passkeys.intro')}</Text>
      {!supported && <ErrorAlert>{t('passkeys.unsupported')}</ErrorAlert>}
      {passkeys.isPending && <Skeleton h={60} />}
      <ErrorAlert>{passkeys.isError && errors.message(passkeys.error)}</ErrorAlert>
      <Stack
        gap="xs"
        component="ul"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
        data-testid="passkey-list"
      >
        {items.map((passkey) => (
          <Paper component="li" withBorder p="sm" key={passkey.id} data-testid="passkey">
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={600} data-testid="passkey-name">
                    {passkey.name}
                  </Text>
                  <Badge size="sm" variant="light" color={passkey.backedUp ? 'teal' : 'gray'}>
                    {passkey.backedUp ? t('passkeys.synced') : t('passkeys.deviceOnly')}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {t('passkeys.created', { date: format.dateTime(passkey.createdAt) })}
                  {' · '}
                  {passkey.lastUsedAt
                    ? t('passkeys.lastUsed', { date: format.dateTime(passkey.lastUsedAt) })
                    : t('passkeys.neverUsed')}
                </Text>
              </Stack>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'rename', passkey })}>
                  {t('passkeys.rename')}
                </Button>
                <Button
                  size="xs"
                  variant="outline"
                  color="red"
                  onClick={() => setDialog({ kind: 'remove', passkey })}
                >
                  {t('passkeys.remove')}
                </Button>
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
      {passkeys.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('passkeys.none')}
        </Text>
      )}
      <Group>
        <Button onClick={() => setDialog({ kind: 'add' })} disabled={!supported}>
          {t('passkeys.add')}
        </Button>
      </Group>

      <NameModal
        opened={dialog?.kind === 'add'}
        title={t('passkeys.addTitle')}
        description={t('passkeys.addBody')}
        label={t('passkeys.name')}
        initialName={defaultName}
        submitLabel={t('passkeys.addSubmit')}
        onClose={() => setDialog(undefined)}
        onSubmit={add}
      />
      <NameModal
        opened={dialog?.kind === 'rename'}
        title={t('passkeys.renameTitle')}
        label={t('passkeys.name')}
        initialName={dialog?.kind === 'rename' ? dialog.passkey.name : ''}
        submitLabel={t('common.save')}
        onClose={() => setDialog(undefined)}
        onSubmit={async (name) => {
          if (dialog?.kind !== 'rename') return;
          await api('PATCH', `/api/v1/me/passkeys/${dialog.passkey.id}`, { name });
          await queryClient.invalidateQueries({ queryKey: accountKeys.passkeys });
        }}
      />
      <PasswordConfirmModal
        opened={dialog?.kind === 'remove'}
        title={t('passkeys.removeTitle', { name: dialog?.kind === 'remove' ? dialog.passkey.name : '' })}
        description={t('passkeys.removeBody')}
        confirmLabel={t('passkeys.remove')}
        danger
        onClose={() => setDialog(undefined)}
        onConfirm={async (password) => {
          if (dialog?.kind !== 'remove') return;
          await api('DELETE', `/api/v1/me/passkeys/${dialog.passkey.id}`, { password });
          await changed();
        }}
      />
    </Stack>
  );
}

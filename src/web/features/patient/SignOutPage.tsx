import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { clearOfflineData } from './offlineData.js';
import { clearOutbox, syncNow, useOutbox } from './outbox.js';
import { hasPasskeyOnDevice } from './passkey/passkeyDevice.js';
import { patientApi } from './patientApi.js';
import { clearAllDrafts } from './questionnaires/draft.js';
import { browserPushEnvironment } from './reminders/browserPush.js';
import { forgetPush } from './reminders/pushDevice.js';
import { clearSession } from './session.js';

/**
 * Signs this phone out, after a last try to send what waits and a warning about what would be lost.
 * A page rather than a dialog: it loads only when needed, and it is plain to use on a small screen.
 */
export default function SignOutPage() {
  const { t } = useTranslation('patient');
  useDocumentTitle(t('nav.signOut'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const pending = useOutbox().entries.filter((entry) => entry.state === 'pending').length;

  const signOut = async () => {
    setBusy(true);
    try {
      await syncNow();
      // Before the token goes: telling the server to stop needs it.
      await forgetPush(browserPushEnvironment());
      // Offline the server cannot be told; the session still ends with this phone forgetting the token.
      await patientApi.signOut().catch(() => undefined);
      await Promise.all([clearOutbox(), clearOfflineData()]);
      // Unfinished questionnaires are health data on this phone: they go with the session.
      clearAllDrafts();
    } finally {
      clearSession();
      queryClient.clear();
      await navigate('/', { replace: true });
    }
  };

  return (
    <Paper p="lg" radius="lg" withBorder data-testid="sign-out">
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('signOut.title')}
        </Title>
        <Text>{t(hasPasskeyOnDevice() ? 'signOut.bodyPasskey' : 'signOut.body')}</Text>
        {pending > 0 && (
          <Text c="red.9" fw={600} role="alert">
            {t('signOut.pending', { count: pending })}
          </Text>
        )}
        <Group grow>
          <Button variant="default" onClick={() => void navigate(-1)}>
            {t('signOut.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void signOut()}>
            {t('signOut.confirm')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

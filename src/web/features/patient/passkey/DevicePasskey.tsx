import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasskeyNotice } from './PasskeyNotice.js';
import { hasPasskeyOnDevice } from './passkeyDevice.js';
import { useAddPasskey } from './useAddPasskey.js';

/**
 * The passkey of this phone in the settings: for whoever said "not now" to the offer, or whose
 * passkey stopped working. Adding again is allowed; the server refuses a duplicate, which is said kindly.
 */
export function DevicePasskey() {
  const { t } = useTranslation('patient');
  const [supported] = useState(browserSupportsWebAuthn);
  const [hasPasskey, setHasPasskey] = useState(hasPasskeyOnDevice);
  const { add, busy, notice } = useAddPasskey(() => setHasPasskey(true));

  return (
    <Paper
      p="md"
      radius="md"
      withBorder
      component="section"
      aria-labelledby="device-passkey-heading"
      data-testid="device-passkey"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="device-passkey-heading">
          {t('passkey.device.heading')}
        </Title>
        <Text size="sm">{t('passkey.offer.body')}</Text>
        {!supported ? (
          <Text size="sm">{t('passkey.device.unsupported')}</Text>
        ) : (
          <>
            <Text fw={600} data-testid="device-passkey-state" data-present={hasPasskey}>
              {t(hasPasskey ? 'passkey.device.present' : 'passkey.device.absent')}
            </Text>
            <PasskeyNotice notice={notice} />
            <Button
              variant={hasPasskey ? 'default' : 'filled'}
              loading={busy}
              onClick={() => void add()}
              styles={{ label: { whiteSpace: 'normal' }, root: { height: 'auto', minHeight: 42 } }}
            >
              {t('passkey.add')}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}

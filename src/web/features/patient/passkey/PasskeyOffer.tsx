import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasskeyNotice } from './PasskeyNotice.js';
import { dismissPasskeyOffer, passkeyOfferOpen } from './passkeyDevice.js';
import { useAddPasskey } from './useAddPasskey.js';

// Long German labels wrap onto a second line instead of being cut off on a narrow phone.
const wrapping = {
  root: { height: 'auto', minHeight: 42, paddingBlock: 8 },
  label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.35 },
} as const;

/** Once after a sign-in with the code: "sign in faster on this phone with a passkey", or "not now". */
export function PasskeyOffer() {
  const { t } = useTranslation('patient');
  const [open, setOpen] = useState(() => browserSupportsWebAuthn() && passkeyOfferOpen());
  const [added, setAdded] = useState(false);
  const { add, busy, notice } = useAddPasskey(() => setAdded(true));
  if (!open) return null;

  const notNow = () => {
    dismissPasskeyOffer();
    setOpen(false);
  };

  return (
    <Paper
      p="md"
      radius="md"
      withBorder
      component="section"
      aria-labelledby="passkey-offer-heading"
      data-testid="passkey-offer"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="passkey-offer-heading">
          {t('passkey.offer.heading')}
        </Title>
        {!added && <Text size="sm">{t('passkey.offer.body')}</Text>}
        <PasskeyNotice notice={notice} />
        {added ? (
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('passkey.offer.close')}
          </Button>
        ) : (
          <Group grow>
            <Button variant="default" styles={wrapping} onClick={notNow} disabled={busy}>
              {t('passkey.offer.notNow')}
            </Button>
            <Button styles={wrapping} loading={busy} onClick={() => void add()}>
              {t('passkey.add')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

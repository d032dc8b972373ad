import { Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../ui/useDocumentTitle.js';
import { hasPasskeyOnDevice } from '../passkey/passkeyDevice.js';
import { patientApi, patientKeys } from '../patientApi.js';
import type { Region } from '../types.js';
import { CodeStep } from './CodeStep.js';
import { PasskeySignIn } from './PasskeySignIn.js';
import { RegionStep } from './RegionStep.js';

/**
 * Sign-in: the region first (a code is only ever sent to the deployment that holds it), then the
 * access code, then the year of birth when the server asks for it (CodeStep handles that step).
 * A passkey needs none of that: offered wherever the browser can, first when this phone has one.
 */
export function SignInPage() {
  const { t } = useTranslation('patient');
  useDocumentTitle(t('signIn.title'));
  const regions = useQuery({
    queryKey: patientKeys.regions,
    queryFn: patientApi.regions,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    networkMode: 'always',
  });
  const [regionChosen, setRegionChosen] = useState(false);
  // Read once: a refused passkey is forgotten, but the message stays where the person looked.
  const [passkeys] = useState(() =>
    browserSupportsWebAuthn() ? (hasPasskeyOnDevice() ? 'first' : 'offered') : 'none',
  );
  const list = regions.data?.regions ?? [];
  const current: Region | undefined = list.find((region) => region.code === regions.data?.current);
  const askRegion = regions.isSuccess && list.length > 0 && !regionChosen;

  return (
    <Stack gap="lg">
      <Stack gap={4} data-testid="patient-welcome">
        <Title order={1}>{t('welcome.title')}</Title>
        <Text size="lg" fw={600}>
          {t('welcome.lead')}
        </Text>
      </Stack>
      {passkeys === 'first' && (
        <>
          <PasskeySignIn prominent />
          <Divider label={<DividerLabel>{t('signIn.passkey.orCode')}</DividerLabel>} labelPosition="center" />
        </>
      )}
      <Paper p="lg" radius="lg" withBorder>
        {regions.isPending ? null : askRegion ? (
          <RegionStep
            regions={list}
            current={regions.data.current}
            onContinue={() => setRegionChosen(true)}
          />
        ) : (
          <CodeStep
            region={current}
            onChangeRegion={list.length > 1 ? () => setRegionChosen(false) : undefined}
            regionsUnavailable={regions.isError}
          />
        )}
        {passkeys === 'offered' && (
          <Stack gap="sm" mt="lg">
            <Divider label={<DividerLabel>{t('signIn.passkey.or')}</DividerLabel>} labelPosition="center" />
            <PasskeySignIn prominent={false} />
          </Stack>
        )}
      </Paper>
      <Text size="sm" c="gray.7">
        {t('welcome.privacy')}
      </Text>
    </Stack>
  );
}

/** Darker than Mantine's dimmed divider label, which falls short of WCAG contrast on the grey page. */
function DividerLabel({ children }: { children: string }) {
  return (
    <Text size="sm" c="gray.7">
      {children}
    </Text>
  );
}

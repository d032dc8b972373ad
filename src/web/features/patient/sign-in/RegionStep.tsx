import { Button, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../types.js';

interface RegionStepProps {
  regions: Region[];
  /** This deployment's region code, preselected. */
  current: string;
  onContinue(): void;
}

/** Step 1: the region. Another region's app lives at its own address: the browser goes there. */
export function RegionStep({ regions, current, onContinue }: RegionStepProps) {
  const { t } = useTranslation('patient');
  const [code, setCode] = useState(current);
  const chosen = regions.find((region) => region.code === code);
  const elsewhere = chosen !== undefined && chosen.code !== current;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen && elsewhere) window.location.assign(new URL('/app/', chosen.url).toString());
    else onContinue();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('signIn.region.heading')}
        </Title>
        <NativeSelect
          size="md"
          label={t('signIn.region.label')}
          description={t('signIn.region.description')}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          data={regions.map((region) => ({ value: region.code, label: region.name || region.code }))}
        />
        {elsewhere && (
          <Text size="sm" role="status">
            {t('signIn.region.leaving', { region: chosen.name || chosen.code })}
          </Text>
        )}
        <Button type="submit" size="md" fullWidth>
          {t('signIn.region.continue')}
        </Button>
      </Stack>
    </form>
  );
}

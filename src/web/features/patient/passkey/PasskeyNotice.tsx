import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AddPasskeyNotice } from './useAddPasskey.js';

/** The outcome of adding a passkey, in words; a closed prompt never gets here. */
export function PasskeyNotice({ notice }: { notice: AddPasskeyNotice | null }) {
  const { t } = useTranslation('patient');
  if (!notice) return null;
  if (notice.kind === 'added')
    return (
      <Alert color="teal" variant="light" role="status" data-testid="passkey-added">
        {t('passkey.added')}
      </Alert>
    );
  return (
    <Alert
      color={notice.problem === 'exists' ? 'teal' : notice.problem === 'offline' ? 'yellow' : 'red'}
      variant="light"
      role="alert"
      data-testid="passkey-problem"
    >
      {t(`passkey.problems.${notice.problem}`)}
    </Alert>
  );
}

import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from './session.js';

/**
 * Shown while the practice requires two-step sign-in and this member has no second factor yet:
 * explains why the workspace only offers the account page (where the factors are set up).
 */
export function MfaSetupBanner() {
  const { t } = useTranslation('practitioner');
  const session = useSession();
  if (!session.data?.mfaSetupRequired) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('banners.mfaSetup.title')}
      mb="md"
      role="alert"
      data-testid="banner-mfa-setup"
    >
      <Text size="sm">{t('banners.mfaSetup.body')}</Text>
    </Alert>
  );
}

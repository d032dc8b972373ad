import { Alert, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuthErrorMessage } from '../auth/errors.js';
import { useSession } from './session.js';
import { useResendVerification } from './useAccountActions.js';

const dismissedKey = (practitionerId: string) => `rehabit.verifyEmailDismissed.${practitionerId}`;

function wasDismissed(practitionerId: string): boolean {
  try {
    return window.sessionStorage.getItem(dismissedKey(practitionerId)) === '1';
  } catch {
    return false;
  }
}

/**
 * Reminds a practitioner whose address is not confirmed yet, with a way to get the link again.
 * Hiding it lasts for this browser tab, so it comes back on the next visit until confirmed.
 */
export function EmailVerificationBanner() {
  const { t } = useTranslation('practitioner');
  const errorMessage = useAuthErrorMessage();
  const session = useSession();
  const resend = useResendVerification();
  const practitioner = session.data;
  const [dismissed, setDismissed] = useState(() => (practitioner ? wasDismissed(practitioner.id) : false));

  if (!practitioner || practitioner.emailVerified || dismissed) return null;
  const dismiss = () => {
    setDismissed(true);
    try {
      window.sessionStorage.setItem(dismissedKey(practitioner.id), '1');
    } catch {
      // Storage disabled: hidden until the page reloads, which is enough.
    }
  };

  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('banners.verifyEmail.title')}
      withCloseButton
      closeButtonLabel={t('banners.verifyEmail.dismiss')}
      onClose={dismiss}
      mb="md"
      data-testid="banner-verify-email"
    >
      <Text size="sm">{t('banners.verifyEmail.body', { email: practitioner.email })}</Text>
      <Group mt="xs" gap="sm">
        {resend.isSuccess ? (
          <Text size="sm" role="status" data-testid="banner-verify-email-sent">
            {t('banners.verifyEmail.sent')}
          </Text>
        ) : (
          <Button
            size="xs"
            variant="default"
            loading={resend.isPending}
            onClick={() => resend.mutate()}
            data-testid="banner-verify-email-resend"
          >
            {t('banners.verifyEmail.resend')}
          </Button>
        )}
        {resend.isError ? (
          <Text size="sm" c="red" role="alert">
            {errorMessage(resend.error)}
          </Text>
        ) : null}
      </Group>
    </Alert>
  );
}

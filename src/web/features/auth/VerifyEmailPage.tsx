import { Alert, Button, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { sessionQueryKey, useSession } from '../session/session.js';
import { AuthPage } from './AuthPage.js';
import { authApi } from './api.js';
import { useAuthErrorMessage } from './errors.js';

/** `/verify-email?token=`: confirms the address as soon as the page opens, then says how it went. */
export function VerifyEmailPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const session = useSession();
  const queryClient = useQueryClient();
  const errorMessage = useAuthErrorMessage();
  // A query, not an effect: it runs once per token even when React mounts the page twice, and a
  // second call would find the link already used.
  const verification = useQuery({
    queryKey: ['email-verification', token],
    queryFn: async () => {
      await authApi.verifyEmail(token);
      return true;
    },
    enabled: token.length >= 10,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (verification.isSuccess) void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  }, [verification.isSuccess, queryClient]);

  const next = session.data ? (
    <Button component={Link} to="/" fullWidth data-testid="verify-email-continue">
      {t('verify.continue')}
    </Button>
  ) : (
    <Button component={Link} to="/sign-in" fullWidth data-testid="verify-email-sign-in">
      {t('verify.signIn')}
    </Button>
  );

  return (
    <AuthPage title={t('verify.title')} testId="page-verify-email">
      {token.length < 10 ? (
        <FormError title={t('verify.failed')}>{t('errors.invalid_token')}</FormError>
      ) : verification.isPending ? (
        <Stack gap="xs" data-testid="verify-email-working">
          <PageLoader />
          <Text ta="center">{t('verify.working')}</Text>
        </Stack>
      ) : verification.isError ? (
        <FormError title={t('verify.failed')}>{errorMessage(verification.error)}</FormError>
      ) : (
        <Alert color="teal" variant="light" role="status" data-testid="verify-email-done">
          {t('verify.done')}
        </Alert>
      )}
      {verification.isPending && token.length >= 10 ? null : next}
    </AuthPage>
  );
}

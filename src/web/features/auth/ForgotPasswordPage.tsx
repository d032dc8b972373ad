import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { AuthPage } from './AuthPage.js';
import { authApi } from './api.js';
import { useAuthErrorMessage } from './errors.js';
import { checkEmail, type FieldProblems } from './formChecks.js';

/**
 * `/forgot-password`: asks for a reset link. The answer is the same whether or not the address has
 * an account, so this page cannot be used to find out who uses Rehabit.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const errorMessage = useAuthErrorMessage();
  const [email, setEmail] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const request = useMutation({ mutationFn: authApi.requestPasswordReset });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldProblems = {};
    checkEmail(found, 'email', email, tc);
    setProblems(found);
    if (!found.email) request.mutate(email.trim());
  };

  return (
    <AuthPage
      title={t('forgot.title')}
      intro={request.isSuccess ? undefined : t('forgot.intro')}
      testId="page-forgot-password"
    >
      {request.isSuccess ? (
        <Alert color="teal" variant="light" role="status" data-testid="forgot-password-sent">
          {t('forgot.sent', { email: request.variables })}
        </Alert>
      ) : (
        <>
          <FormError>{errorMessage(request.error)}</FormError>
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <TextInput
                label={t('forgot.email')}
                type="email"
                autoComplete="email"
                required
                value={email}
                error={problems.email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                data-testid="forgot-password-email"
              />
              <Button
                type="submit"
                fullWidth
                loading={request.isPending}
                data-testid="forgot-password-submit"
              >
                {t('forgot.submit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t('forgot.back')}
      </Anchor>
    </AuthPage>
  );
}

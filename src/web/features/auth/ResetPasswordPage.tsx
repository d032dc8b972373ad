import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { useFieldMessage } from '../../ui/fieldMessages.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { sessionQueryKey } from '../session/session.js';
import { AuthPage } from './AuthPage.js';
import { authApi } from './api.js';
import { useAuthErrorMessage } from './errors.js';
import { checkNewPassword, type FieldProblems, hasProblems } from './formChecks.js';

/** `/reset-password?token=`: the page a reset mail links to; a new password, typed twice. */
export function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const errorMessage = useAuthErrorMessage();
  const fieldMessage = useFieldMessage();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const queryClient = useQueryClient();
  const reset = useMutation({
    mutationFn: (value: string) => authApi.resetPassword(token, value),
    // Every session of the account ended, this browser's too if it was signed in.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });

  if (token.length < 10) {
    return (
      <AuthPage title={t('reset.title')} testId="page-reset-password">
        <FormError>{t('reset.missingToken')}</FormError>
        <Anchor component={Link} to="/forgot-password">
          {t('reset.newLink')}
        </Anchor>
      </AuthPage>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthPage title={t('reset.title')} testId="page-reset-password">
        <Alert color="teal" variant="light" role="status" data-testid="reset-password-done">
          {t('reset.done')}
        </Alert>
        <Button component={Link} to="/sign-in" fullWidth data-testid="reset-password-sign-in">
          {t('reset.signIn')}
        </Button>
      </AuthPage>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldProblems = {};
    checkNewPassword(found, 'password', password, tc);
    if (!found.password && confirm !== password) found.confirm = t('reset.mismatch');
    setProblems(found);
    if (!hasProblems(found)) reset.mutate(password);
  };
  const linkDead = reset.error instanceof ApiError && reset.error.code === 'invalid_token';

  return (
    <AuthPage title={t('reset.title')} testId="page-reset-password">
      <FormError>{errorMessage(reset.error)}</FormError>
      {linkDead ? (
        <Anchor component={Link} to="/forgot-password" data-testid="reset-password-new-link">
          {t('reset.newLink')}
        </Anchor>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordField
            label={t('reset.password')}
            withRules
            required
            value={password}
            error={problems.password ?? fieldMessage(reset.error, 'password')}
            onChange={(event) => setPassword(event.currentTarget.value)}
            data-testid="reset-password-password"
          />
          <PasswordField
            label={t('reset.confirm')}
            autoComplete="new-password"
            required
            value={confirm}
            error={problems.confirm}
            onChange={(event) => setConfirm(event.currentTarget.value)}
            data-testid="reset-password-confirm"
          />
          <Button type="submit" fullWidth loading={reset.isPending} data-testid="reset-password-submit">
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
    </AuthPage>
  );
}

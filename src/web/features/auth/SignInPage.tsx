import { Alert, Anchor, Button, Divider, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { useSession } from '../session/session.js';
import { AuthPage } from './AuthPage.js';
import { authApi } from './api.js';
import { useAuthErrorMessage } from './errors.js';
import { safeNextPath } from './nextPath.js';
import { assertPasskey, PasskeyCancelled, passkeysSupported } from './passkey.js';
import { type SecondFactor, SecondFactorStep } from './SecondFactorStep.js';
import { useCompleteSignIn } from './useCompleteSignIn.js';

const secondFactors: readonly SecondFactor[] = ['totpCode', 'recoveryCode', 'passkey'];
const isSecondFactor = (field: string): field is SecondFactor =>
  (secondFactors as readonly string[]).includes(field);

/** `/sign-in`: email and password, then a second factor when the account has one; or a passkey alone. */
export function SignInPage() {
  const { t } = useTranslation('auth');
  const session = useSession();
  const [params] = useSearchParams();
  const complete = useCompleteSignIn();
  const errorMessage = useAuthErrorMessage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [factors, setFactors] = useState<SecondFactor[] | null>(null);

  const signIn = useMutation({
    mutationFn: authApi.signIn,
    onSuccess: complete,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'mfa_required') {
        setFactors(error.details.map((problem) => problem.field).filter(isSecondFactor));
      }
    },
  });
  const passkeySignIn = useMutation({
    mutationFn: async () => authApi.passkeySignIn(await assertPasskey()),
    onSuccess: complete,
  });

  if (session.data) return <Navigate to={safeNextPath(params.get('next'))} replace />;

  if (factors) {
    return (
      <SecondFactorStep
        email={email}
        password={password}
        factors={factors}
        onSignedIn={complete}
        onBack={() => {
          setFactors(null);
          setPassword('');
          signIn.reset();
        }}
      />
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    passkeySignIn.reset();
    signIn.mutate({ email: email.trim(), password });
  };
  const failure =
    signIn.error ?? (passkeySignIn.error instanceof PasskeyCancelled ? null : passkeySignIn.error);
  const signUpHref = params.get('next')
    ? `/sign-up?${new URLSearchParams({ next: params.get('next') ?? '' })}`
    : '/sign-up';

  return (
    <AuthPage title={t('signIn.title')} testId="page-sign-in">
      <FormError>{errorMessage(failure)}</FormError>
      {passkeySignIn.error instanceof PasskeyCancelled ? (
        <Alert color="gray" variant="light" data-testid="passkey-cancelled">
          {t('signIn.passkeyCancelled')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            data-testid="sign-in-email"
          />
          <PasswordField
            label={t('signIn.password')}
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            data-testid="sign-in-password"
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm" data-testid="sign-in-forgot">
              {t('signIn.forgot')}
            </Anchor>
          </Group>
          <Button type="submit" fullWidth loading={signIn.isPending} data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
      {passkeysSupported() ? (
        <>
          <Divider label={t('signIn.or')} labelPosition="center" />
          <Button
            variant="default"
            fullWidth
            loading={passkeySignIn.isPending}
            onClick={() => {
              signIn.reset();
              passkeySignIn.mutate();
            }}
            data-testid="sign-in-passkey"
          >
            {t('signIn.passkey')}
          </Button>
        </>
      ) : null}
      <Text size="sm" ta="center">
        {t('signIn.noAccount')}{' '}
        <Anchor component={Link} to={signUpHref} data-testid="sign-in-sign-up">
          {t('signIn.signUpLink')}
        </Anchor>
      </Text>
    </AuthPage>
  );
}

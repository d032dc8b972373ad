import { Alert, Anchor, Button, Divider, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import type { SignedIn } from '../session/session.js';
import { AuthPage } from './AuthPage.js';
import { authApi } from './api.js';
import { useAuthErrorMessage } from './errors.js';
import { assertPasskey, PasskeyCancelled, passkeysSupported } from './passkey.js';

/** The second factors a sign-in can ask for, named as the server's `mfa_required` details name them. */
export type SecondFactor = 'totpCode' | 'recoveryCode' | 'passkey';

interface SecondFactorStepProps {
  email: string;
  password: string;
  /** What the account offers, from the `mfa_required` answer. */
  factors: SecondFactor[];
  onSignedIn(signedIn: SignedIn): void;
  onBack(): void;
}

/**
 * The second step of signing in, in the same card: the authenticator app's code, a recovery code,
 * or a passkey. Each attempt resends the email and password with the factor (the server keeps no
 * half-signed-in state).
 */
export function SecondFactorStep({ email, password, factors, onSignedIn, onBack }: SecondFactorStepProps) {
  const { t } = useTranslation('auth');
  const errorMessage = useAuthErrorMessage();
  const offersCode = factors.includes('totpCode');
  const offersPasskey = factors.includes('passkey') && passkeysSupported();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);

  const withCode = useMutation({
    mutationFn: (value: string) =>
      authApi.signIn(
        useRecovery ? { email, password, recoveryCode: value } : { email, password, totpCode: value },
      ),
    onSuccess: onSignedIn,
  });
  const withPasskey = useMutation({
    mutationFn: async () => authApi.signIn({ email, password, passkey: await assertPasskey() }),
    onSuccess: onSignedIn,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = code.replace(/\s+/g, '');
    setMissing(value === '');
    if (value === '') return;
    withPasskey.reset();
    withCode.mutate(value);
  };
  const cancelled = withPasskey.error instanceof PasskeyCancelled;
  const failure = withCode.error ?? (cancelled ? null : withPasskey.error);
  const intro = !offersCode
    ? t('secondFactor.introPasskey')
    : useRecovery
      ? t('secondFactor.introRecovery')
      : t('secondFactor.introCode');

  return (
    <AuthPage title={t('secondFactor.title')} intro={intro} testId="page-second-factor">
      <FormError>{errorMessage(failure)}</FormError>
      {cancelled ? (
        <Alert color="gray" variant="light" data-testid="passkey-cancelled">
          {t('signIn.passkeyCancelled')}
        </Alert>
      ) : null}
      {offersCode ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {useRecovery ? (
              <TextInput
                key="recovery"
                label={t('secondFactor.recoveryCode')}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={code}
                error={missing ? t('secondFactor.codeRequired') : undefined}
                onChange={(event) => setCode(event.currentTarget.value)}
                data-testid="second-factor-recovery-code"
              />
            ) : (
              <TextInput
                key="code"
                label={t('secondFactor.code')}
                autoComplete="one-time-code"
                inputMode="numeric"
                pattern="[0-9 ]*"
                maxLength={7}
                required
                value={code}
                error={missing ? t('secondFactor.codeRequired') : undefined}
                onChange={(event) => setCode(event.currentTarget.value)}
                data-testid="second-factor-code"
              />
            )}
            <Button type="submit" fullWidth loading={withCode.isPending} data-testid="second-factor-submit">
              {t('secondFactor.submit')}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setUseRecovery((current) => !current);
                setCode('');
                setMissing(false);
                withCode.reset();
              }}
              data-testid="second-factor-toggle-recovery"
            >
              {useRecovery ? t('secondFactor.useCode') : t('secondFactor.useRecovery')}
            </Anchor>
          </Stack>
        </form>
      ) : null}
      {offersPasskey ? (
        <>
          {offersCode ? <Divider label={t('signIn.or')} labelPosition="center" /> : null}
          <Button
            variant={offersCode ? 'default' : 'filled'}
            fullWidth
            loading={withPasskey.isPending}
            onClick={() => {
              withCode.reset();
              withPasskey.mutate();
            }}
            data-testid="second-factor-passkey"
          >
            {t('secondFactor.usePasskey')}
          </Button>
        </>
      ) : null}
      <Anchor component="button" type="button" size="sm" onClick={onBack} data-testid="second-factor-back">
        {t('secondFactor.back')}
      </Anchor>
    </AuthPage>
  );
}

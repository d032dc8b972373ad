import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../ui/FormError.js';
import { signInWithPasskey } from '../passkey/passkeyFlow.js';
import { signInProblem } from '../signInProblem.js';
import { startSession } from './startSession.js';

interface PasskeySignInProps {
  /** This phone added or used a passkey before: the passkey comes first, the code is the way back. */
  prominent: boolean;
}

/** "Sign in with a passkey": no code, no year of birth, only the phone's screen lock. */
export function PasskeySignIn({ prominent }: PasskeySignInProps) {
  const { t } = useTranslation('patient');
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: () => signInWithPasskey(),
    networkMode: 'always',
    onSuccess: async (session) => {
      // null: the person closed the prompt, which needs no word.
      if (session) await startSession(queryClient, session);
    },
  });
  const problem = signIn.error ? signInProblem(signIn.error) : undefined;

  const body = (
    <Stack gap="sm">
      {prominent && (
        <>
          <Title order={2} size="h3">
            {t('signIn.passkey.heading')}
          </Title>
          <Text>{t('signIn.passkey.body')}</Text>
        </>
      )}
      <FormError>
        {problem &&
          (problem.minutes === undefined
            ? t(`signIn.errors.${problem.key}` as 'signIn.errors.invalidPasskey')
            : t(`signIn.errors.${problem.key}` as 'signIn.errors.rateLimited', { count: problem.minutes }))}
      </FormError>
      <Button
        size="md"
        fullWidth
        variant={prominent ? 'filled' : 'default'}
        loading={signIn.isPending}
        onClick={() => signIn.mutate()}
      >
        {t('signIn.passkey.submit')}
      </Button>
    </Stack>
  );

  return (
    <div data-testid="passkey-sign-in" data-prominent={prominent}>
      {prominent ? (
        <Paper p="lg" radius="lg" withBorder>
          {body}
        </Paper>
      ) : (
        body
      )}
    </div>
  );
}

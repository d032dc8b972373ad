import { Badge, Button, Code, CopyButton, Group, Image, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { Practitioner } from '../session/session.js';
import { type TotpEnrolment, useRefreshMe } from './accountApi.js';
import { actionError, useErrorText } from './errors.js';
import { ErrorAlert } from './Feedback.js';
import { PasswordConfirmModal } from './PasswordConfirmModal.js';
import { RecoveryCodes } from './RecoveryCodes.js';

interface RecoveryCodesAnswer {
  recoveryCodes: string[];
}

/** Groups of four characters are easier to type into an app than one long secret. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** The authenticator app: set up with a QR code or the secret, recovery codes, turning it off. */
export function TotpSection({ me }: { me: Practitioner }) {
  const { t } = useTranslation('account');
  const errors = useErrorText();
  const refreshMe = useRefreshMe();
  const [enrolment, setEnrolment] = useState<TotpEnrolment>();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [asking, setAsking] = useState<'disable' | 'regenerate'>();

  const start = useMutation({
    mutationFn: () => api<TotpEnrolment>('POST', '/api/v1/me/mfa/totp'),
    onSuccess: (answer) => {
      setCode('');
      setEnrolment(answer);
    },
  });
  const confirm = useMutation({
    mutationFn: () => api<RecoveryCodesAnswer>('POST', '/api/v1/me/mfa/totp/confirm', { code: code.trim() }),
    onSuccess: async (answer) => {
      setEnrolment(undefined);
      setRecoveryCodes(answer.recoveryCodes);
      await refreshMe();
    },
  });

  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };

  const heading = (
    <Group gap="sm">
      <Title order={3} size="h4">
        {t('totp.title')}
      </Title>
      <Badge color={me.mfa.totp ? 'teal' : 'gray'} variant="light" data-testid="totp-state">
        {me.mfa.totp ? t('totp.on') : t('totp.off')}
      </Badge>
    </Group>
  );

  if (recoveryCodes) {
    return (
      <Stack gap="md">
        {heading}
        <RecoveryCodes codes={recoveryCodes} email={me.email} onDone={() => setRecoveryCodes(undefined)} />
      </Stack>
    );
  }

  if (enrolment) {
    return (
      <Stack gap="md" data-testid="totp-enrolment">
        {heading}
        <Text>{t('totp.scan')}</Text>
        <Image src={enrolment.qrCode} alt={t('totp.qrAlt')} w={200} h={200} fit="contain" />
        <Stack gap={4}>
          <Text size="sm">{t('totp.manual')}</Text>
          <Group gap="sm">
            <Code fz="lg" data-testid="totp-secret">
              {grouped(enrolment.secret)}
            </Code>
            <CopyButton value={enrolment.secret}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
        <form onSubmit={onConfirm} noValidate>
          <Stack gap="sm" maw={320}>
            <TextInput
              label={t('totp.code')}
              description={t('totp.codeHint')}
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={10}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={errors.field(confirm.error, 'code')}
            />
            <ErrorAlert>{actionError(errors, confirm.error, ['code'])}</ErrorAlert>
            <Group>
              <Button type="submit" loading={confirm.isPending}>
                {t('totp.confirm')}
              </Button>
              <Button variant="subtle" onClick={() => setEnrolment(undefined)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {heading}
      <Text>{me.mfa.totp ? t('totp.enabledIntro') : t('totp.intro')}</Text>
      <ErrorAlert>{start.isError && errors.message(start.error)}</ErrorAlert>
      {me.mfa.totp ? (
        <Group>
          <Button variant="default" onClick={() => setAsking('regenerate')}>
            {t('totp.regenerate')}
          </Button>
          <Button variant="outline" color="red" onClick={() => setAsking('disable')}>
            {t('totp.disable')}
          </Button>
        </Group>
      ) : (
        <Group>
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            {t('totp.start')}
          </Button>
        </Group>
      )}
      <PasswordConfirmModal
        opened={asking === 'regenerate'}
        title={t('totp.regenerateTitle')}
        description={t('totp.regenerateBody')}
        confirmLabel={t('totp.regenerate')}
        onClose={() => setAsking(undefined)}
        onConfirm={async (password) => {
          const answer = await api<RecoveryCodesAnswer>('POST', '/api/v1/me/mfa/recovery-codes', {
            password,
          });
          setRecoveryCodes(answer.recoveryCodes);
        }}
      />
      <PasswordConfirmModal
        opened={asking === 'disable'}
        title={t('totp.disableTitle')}
        description={t('totp.disableBody')}
        confirmLabel={t('totp.disable')}
        danger
        onClose={() => setAsking(undefined)}
        onConfirm={async (password) => {
          await api('DELETE', '/api/v1/me/mfa/totp', { password });
          await refreshMe();
        }}
      />
    </Stack>
  );
}

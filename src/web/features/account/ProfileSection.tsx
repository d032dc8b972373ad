import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { type Practitioner, useSessionUpdate } from '../session/session.js';
import { actionError, useErrorText } from './errors.js';
import { ErrorAlert, SuccessAlert } from './Feedback.js';

// People type numbers with spaces and brackets; the server wants E.164 only.
const compactMobile = (value: string) => value.replace(/[\s()./-]/g, '');

/** Name, mobile and affiliation; the email address shown with its confirmation state. */
export function ProfileSection({ me }: { me: Practitioner }) {
  const { t } = useTranslation('account');
  const errors = useErrorText();
  const { changed } = useSessionUpdate();
  const [firstName, setFirstName] = useState(me.firstName);
  const [lastName, setLastName] = useState(me.lastName);
  const [mobile, setMobile] = useState(me.mobile ?? '');
  const [affiliation, setAffiliation] = useState(me.affiliation ?? '');

  const save = useMutation({
    mutationFn: () =>
      api<Practitioner>('PATCH', '/api/v1/me', {
        firstName,
        lastName,
        mobile: mobile.trim() ? compactMobile(mobile) : null,
        affiliation: affiliation.trim() || null,
      }),
    onSuccess: (practitioner) => {
      changed(practitioner);
      setMobile(practitioner.mobile ?? '');
    },
  });
  const resend = useMutation({ mutationFn: () => api('POST', '/api/v1/me/email-verification') });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Stack gap="lg" maw={560}>
      <Stack gap={4}>
        <Text fw={600}>{t('profile.email')}</Text>
        <Group gap="sm">
          <Text data-testid="profile-email">{me.email}</Text>
          {me.emailVerified ? (
            <Badge color="teal" variant="light">
              {t('profile.emailVerified')}
            </Badge>
          ) : (
            <Badge color="yellow" variant="light">
              {t('profile.emailUnverified')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('profile.emailHint')}
        </Text>
        {!me.emailVerified && (
          <Group>
            <Button
              variant="default"
              size="xs"
              loading={resend.isPending}
              disabled={resend.isSuccess}
              onClick={() => resend.mutate()}
            >
              {t('profile.resend')}
            </Button>
          </Group>
        )}
        <SuccessAlert>{resend.isSuccess && t('profile.resent')}</SuccessAlert>
        <ErrorAlert>{resend.isError && errors.message(resend.error)}</ErrorAlert>
      </Stack>

      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Group grow align="flex-start">
            <TextInput
              label={t('profile.firstName')}
              required
              autoComplete="given-name"
              value={firstName}
              onChange={(event) => setFirstName(event.currentTarget.value)}
              error={errors.field(save.error, 'firstName')}
            />
            <TextInput
              label={t('profile.lastName')}
              required
              autoComplete="family-name"
              value={lastName}
              onChange={(event) => setLastName(event.currentTarget.value)}
              error={errors.field(save.error, 'lastName')}
            />
          </Group>
          <TextInput
            label={t('profile.mobile')}
            description={t('profile.mobileHint')}
            type="tel"
            autoComplete="tel"
            placeholder="+447700900123"
            value={mobile}
            onChange={(event) => setMobile(event.currentTarget.value)}
            error={errors.field(save.error, 'mobile')}
          />
          <TextInput
            label={t('profile.affiliation')}
            description={t('profile.affiliationHint')}
            autoComplete="organization-title"
            value={affiliation}
            onChange={(event) => setAffiliation(event.currentTarget.value)}
            error={errors.field(save.error, 'affiliation')}
          />
          <ErrorAlert>
            {actionError(errors, save.error, ['firstName', 'lastName', 'mobile', 'affiliation'])}
          </ErrorAlert>
          <SuccessAlert>{save.isSuccess && t('common.saved')}</SuccessAlert>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

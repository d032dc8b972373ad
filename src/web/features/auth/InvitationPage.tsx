import { Anchor, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { isLanguage } from '../../i18n/language.js';
import { FormError } from '../../ui/FormError.js';
import { useFieldMessage } from '../../ui/fieldMessages.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { AuthPage } from './AuthPage.js';
import { authApi } from './api.js';
import { useAuthErrorMessage } from './errors.js';
import { checkNewPassword, checkRequired, type FieldProblems, hasProblems } from './formChecks.js';
import { useCompleteSignIn } from './useCompleteSignIn.js';

/**
 * `/invitation?token=`: a colleague invited by a practice owner sees the practice and address, sets
 * a name and password, and lands in the workspace as a member.
 */
export function InvitationPage() {
  const { t, i18n } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const complete = useCompleteSignIn();
  const errorMessage = useAuthErrorMessage();
  const fieldMessage = useFieldMessage();
  const [form, setForm] = useState({ firstName: '', lastName: '', password: '' });
  const [terms, setTerms] = useState(false);
  const [problems, setProblems] = useState<FieldProblems>({});

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => authApi.lookUpInvitation(token),
    enabled: token.length >= 10,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const accept = useMutation({ mutationFn: authApi.acceptInvitation, onSuccess: complete });

  if (token.length >= 10 && invitation.isPending) {
    return (
      <AuthPage title={t('invitation.title')} testId="page-invitation">
        <PageLoader />
        <Text ta="center">{t('invitation.loading')}</Text>
      </AuthPage>
    );
  }
  if (!invitation.data) {
    return (
      <AuthPage title={t('invitation.title')} testId="page-invitation">
        <FormError>
          {invitation.error && !isInvalid(invitation.error)
            ? errorMessage(invitation.error)
            : t('invitation.invalid')}
        </FormError>
        <Anchor component={Link} to="/sign-in">
          {t('invitation.signIn')}
        </Anchor>
      </AuthPage>
    );
  }
  const { practiceName, email, role } = invitation.data;

  const errorOf = (field: string) => problems[field] ?? fieldMessage(accept.error, field);
  const text = (field: keyof typeof form) => ({
    value: form[field],
    error: errorOf(field),
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setForm((current) => ({ ...current, [field]: value }));
      setProblems((current) => ({ ...current, [field]: undefined }));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldProblems = {};
    checkRequired(found, 'firstName', form.firstName, tc);
    checkRequired(found, 'lastName', form.lastName, tc);
    checkNewPassword(found, 'password', form.password, tc);
    if (!terms) found.acceptTerms = t('termsRequired');
    setProblems(found);
    if (hasProblems(found)) return;
    accept.mutate({
      token,
      firstName: form.firstName.trim(),
      lastName: form.lastName.trim(),
      password: form.password,
      acceptTerms: true,
      language: isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : undefined,
    });
  };

  return (
    <AuthPage
      title={t('invitation.title')}
      intro={t('invitation.intro', { practice: practiceName, role: t(`roles.${role}`) })}
      testId="page-invitation"
    >
      <FormError>{errorMessage(accept.error)}</FormError>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('invitation.email')}
            value={email}
            readOnly
            autoComplete="username"
            data-testid="invitation-email"
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('invitation.firstName')}
              autoComplete="given-name"
              required
              {...text('firstName')}
              data-testid="invitation-first-name"
            />
            <TextInput
              label={t('invitation.lastName')}
              autoComplete="family-name"
              required
              {...text('lastName')}
              data-testid="invitation-last-name"
            />
          </Group>
          <PasswordField
            label={t('invitation.password')}
            withRules
            required
            {...text('password')}
            data-testid="invitation-password"
          />
          <Checkbox
            label={t('invitation.terms')}
            checked={terms}
            onChange={(event) => {
              setTerms(event.currentTarget.checked);
              setProblems((current) => ({ ...current, acceptTerms: undefined }));
            }}
            error={errorOf('acceptTerms')}
            data-testid="invitation-terms"
          />
          <Button type="submit" fullWidth loading={accept.isPending} data-testid="invitation-submit">
            {t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    </AuthPage>
  );
}

const isInvalid = (error: unknown) =>
  error instanceof ApiError && (error.code === 'invitation_invalid' || error.code === 'not_found');

import { Anchor, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { isLanguage } from '../../i18n/language.js';
import { FormError } from '../../ui/FormError.js';
import { useFieldMessage } from '../../ui/fieldMessages.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { useSession } from '../session/session.js';
import { AuthPage } from './AuthPage.js';
import { authApi, type SignUpInput } from './api.js';
import { CountrySelect } from './CountrySelect.js';
import { useAuthErrorMessage } from './errors.js';
import {
  checkEmail,
  checkNewPassword,
  checkRequired,
  type FieldProblems,
  hasProblems,
} from './formChecks.js';
import { safeNextPath } from './nextPath.js';
import { type MoreDetails, moreDetailFields, SignUpMoreDetails } from './SignUpMoreDetails.js';
import { useCompleteSignIn } from './useCompleteSignIn.js';

// Countries that weigh in pounds; elsewhere kilograms, until the person chooses.
const poundCountries = new Set(['US', 'LR', 'MM']);

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** `/sign-up`: creates a practice and its owner, then opens the workspace signed in. */
export function SignUpPage() {
  const { t, i18n } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const complete = useCompleteSignIn();
  const errorMessage = useAuthErrorMessage();
  const fieldMessage = useFieldMessage();
  const [form, setForm] = useState({
    firstName: '',
    lastName: '',
    email: '',
    password: '',
    practiceName: '',
  });
  const [country, setCountry] = useState<string | null>(null);
  const [terms, setTerms] = useState(false);
  const [languageChosen, setLanguageChosen] = useState(false);
  const [more, setMore] = useState<MoreDetails>({
    address: '',
    state: '',
    mobile: '',
    vatId: '',
    affiliation: '',
    language: 'en',
    weightUnit: 'kg',
  });
  // Until chosen here, the account's language follows the page's (the switch in the card's corner).
  const details: MoreDetails = languageChosen
    ? more
    : { ...more, language: isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en' };
  const [weightChosen, setWeightChosen] = useState(false);
  const [moreOpened, setMoreOpened] = useState(false);
  const [problems, setProblems] = useState<FieldProblems>({});

  const signUp = useMutation({
    mutationFn: authApi.signUp,
    onSuccess: complete,
    onError: (error) => {
      // A refused optional field must not stay hidden in the closed section.
      if (
        error instanceof ApiError &&
        error.details.some((problem) => moreDetailFields.includes(problem.field))
      ) {
        setMoreOpened(true);
      }
    },
  });

  if (session.data) return <Navigate to={safeNextPath(params.get('next'))} replace />;

  const errorOf = (field: string) => problems[field] ?? fieldMessage(signUp.error, field);
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
    checkEmail(found, 'email', form.email, tc);
    checkNewPassword(found, 'password', form.password, tc);
    if (form.practiceName.trim() === '') found.practiceName = tc('fieldMessages.practiceName');
    if (!country) found.country = tc('fieldMessages.country');
    if (!terms) found.acceptTerms = t('termsRequired');
    setProblems(found);
    if (hasProblems(found) || !country) return;
    const input: SignUpInput = {
      firstName: form.firstName.trim(),
      lastName: form.lastName.trim(),
      email: form.email.trim(),
      password: form.password,
      practiceName: form.practiceName.trim(),
      country,
      acceptTerms: true,
      address: optional(more.address),
      state: optional(more.state),
      mobile: optional(more.mobile.replace(/[\s()-]/g, '')),
      vatId: optional(more.vatId),
      affiliation: optional(more.affiliation),
      language: details.language,
      weightUnit: details.weightUnit,
    };
    signUp.mutate(input);
  };

  return (
    <AuthPage title={t('signUp.title')} intro={t('signUp.intro')} testId="page-sign-up">
      <FormError>{errorMessage(signUp.error)}</FormError>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t('signUp.firstName')}
              autoComplete="given-name"
              required
              {...text('firstName')}
              data-testid="sign-up-first-name"
            />
            <TextInput
              label={t('signUp.lastName')}
              autoComplete="family-name"
              required
              {...text('lastName')}
              data-testid="sign-up-last-name"
            />
          </Group>
          <TextInput
            label={t('signUp.email')}
            description={t('signUp.emailHint')}
            type="email"
            autoComplete="email"
            required
            {...text('email')}
            data-testid="sign-up-email"
          />
          <PasswordField
            label={tc('password.label')}
            withRules
            required
            {...text('password')}
            data-testid="sign-up-password"
          />
          <TextInput
            label={t('signUp.practiceName')}
            autoComplete="organization"
            required
            {...text('practiceName')}
            data-testid="sign-up-practice-name"
          />
          <CountrySelect
            value={country}
            onChange={(code) => {
              setCountry(code);
              setProblems((current) => ({ ...current, country: undefined }));
              if (code && !weightChosen)
                setMore((current) => ({ ...current, weightUnit: poundCountries.has(code) ? 'lb' : 'kg' }));
            }}
            error={errorOf('country')}
            data-testid="sign-up-country"
          />
          <SignUpMoreDetails
            value={details}
            onChange={(patch) => {
              if (patch.weightUnit) setWeightChosen(true);
              if (patch.language) setLanguageChosen(true);
              setMore((current) => ({ ...current, ...patch }));
            }}
            errorOf={errorOf}
            opened={moreOpened}
            onToggle={setMoreOpened}
          />
          <Checkbox
            label={t('signUp.terms')}
            checked={terms}
            onChange={(event) => {
              setTerms(event.currentTarget.checked);
              setProblems((current) => ({ ...current, acceptTerms: undefined }));
            }}
            error={errorOf('acceptTerms')}
            data-testid="sign-up-terms"
          />
          <Button type="submit" fullWidth loading={signUp.isPending} data-testid="sign-up-submit">
            {t('signUp.submit')}
          </Button>
        </Stack>
      </form>
      <Text size="sm" ta="center">
        {t('signUp.haveAccount')}{' '}
        <Anchor component={Link} to={params.get('next') ? `/sign-in?${params}` : '/sign-in'}>
          {t('signUp.signInLink')}
        </Anchor>
      </Text>
    </AuthPage>
  );
}

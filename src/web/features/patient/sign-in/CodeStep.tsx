import { Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { FormError } from '../../../ui/FormError.js';
import { formatAccessCode, isCompleteAccessCode, normaliseAccessCode } from '../accessCode.js';
import { openPasskeyOffer } from '../passkey/passkeyDevice.js';
import { patientApi } from '../patientApi.js';
import { signInProblem } from '../signInProblem.js';
import type { Region } from '../types.js';
import { startSession } from './startSession.js';

interface CodeStepProps {
  region: Region | undefined;
  onChangeRegion: (() => void) | undefined;
  regionsUnavailable: boolean;
}

/** Steps 2 and 3: the access code, then (only when the server asks) the year of birth. */
export function CodeStep({ region, onChangeRegion, regionsUnavailable }: CodeStepProps) {
  const { t } = useTranslation('patient');
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [year, setYear] = useState('');
  const [askYear, setAskYear] = useState(false);
  const [fieldProblem, setFieldProblem] = useState<string>();
  const yearInput = useRef<HTMLInputElement>(null);

  const signIn = useMutation({
    mutationFn: (input: { code: string; year?: number }) => patientApi.signIn(input.code, input.year),
    networkMode: 'always',
    onSuccess: async (session) => {
      // Before the session starts, so today's screen already knows to offer a passkey (once).
      openPasskeyOffer();
      await startSession(queryClient, session);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'year_of_birth_required') {
        setAskYear(true);
        // The new field appears in place of nothing: move focus there for keyboards and screen readers.
        window.setTimeout(() => yearInput.current?.focus(), 0);
      }
    },
  });

  const problem =
    signIn.error instanceof ApiError && signIn.error.code === 'year_of_birth_required'
      ? undefined
      : signIn.error
        ? signInProblem(signIn.error)
        : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isCompleteAccessCode(code)) return setFieldProblem(t('signIn.code.incomplete'));
    if (askYear && !/^\d{4}$/.test(year.trim())) return setFieldProblem(t('signIn.year.invalid'));
    setFieldProblem(undefined);
    signIn.mutate({ code: normaliseAccessCode(code), year: askYear ? Number(year.trim()) : undefined });
  };

  const otherCode = () => {
    setAskYear(false);
    setYear('');
    setCode('');
    signIn.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {region && (
          <Group gap="xs" justify="space-between">
            <Text size="sm">{t('signIn.region.chosen', { region: region.name || region.code })}</Text>
            {onChangeRegion && (
              <Anchor component="button" type="button" size="sm" onClick={onChangeRegion}>
                {t('signIn.region.change')}
              </Anchor>
            )}
          </Group>
        )}
        {regionsUnavailable && (
          <Text size="sm" c="gray.7">
            {t('signIn.regionsUnavailable')}
          </Text>
        )}
        <Title order={2} size="h3">
          {askYear ? t('signIn.year.heading') : t('signIn.code.heading')}
        </Title>
        <TextInput
          size="md"
          label={t('signIn.code.label')}
          description={t('signIn.code.description')}
          value={code}
          onChange={(event) => setCode(formatAccessCode(event.currentTarget.value))}
          readOnly={askYear}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          error={!askYear ? fieldProblem : undefined}
          styles={{ input: { fontFamily: 'ui-monospace, monospace', letterSpacing: '0.12em' } }}
          data-testid="access-code"
        />
        {askYear && (
          <>
            <Text>{t('signIn.year.body')}</Text>
            <TextInput
              ref={yearInput}
              size="md"
              label={t('signIn.year.label')}
              description={t('signIn.year.description')}
              value={year}
              onChange={(event) => setYear(event.currentTarget.value.replace(/\D/g, '').slice(0, 4))}
              inputMode="numeric"
              autoComplete="bday-year"
              error={fieldProblem}
              data-testid="year-of-birth"
            />
          </>
        )}
        <FormError>
          {problem &&
            (problem.minutes === undefined
              ? t(`signIn.errors.${problem.key}` as 'signIn.errors.invalidCode')
              : t(`signIn.errors.${problem.key}` as 'signIn.errors.locked', { count: problem.minutes }))}
        </FormError>
        <Button type="submit" size="md" fullWidth loading={signIn.isPending}>
          {askYear ? t('signIn.year.submit') : t('signIn.code.submit')}
        </Button>
        {askYear && (
          <Anchor component="button" type="button" onClick={otherCode}>
            {t('signIn.year.otherCode')}
          </Anchor>
        )}
      </Stack>
    </form>
  );
}

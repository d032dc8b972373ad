import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { FormError } from '../../../ui/FormError.js';
import { patientApi, patientKeys } from '../patientApi.js';
import type { ReminderSettings } from '../types.js';
import { newEntryId } from '../useNetwork.js';
import {
  bodyOf,
  deviceTimeZone,
  fieldOfProblem,
  formOf,
  hasProblems,
  isInQuietHours,
  MAX_REMINDER_TIMES,
  runsPastMidnight,
  type TimeProblem,
  toMinute,
  validateForm,
} from './reminderForm.js';

interface TimeRow {
  /** A key for React only: rows are removed from the middle, so their index is no identity. */
  key: string;
  value: string;
}

const rowsOf = (times: string[]): TimeRow[] => times.map((value) => ({ key: newEntryId(), value }));

/** The server's problems with a saved form, placed beside the fields they concern. */
function serverProblems(error: unknown) {
  const times = new Map<number, TimeProblem>();
  let quietStart: TimeProblem | undefined;
  let quietEnd: TimeProblem | undefined;
  let timeZone = false;
  if (error instanceof ApiError && error.code === 'validation_failed')
    for (const problem of error.details) {
      const field = fieldOfProblem(problem);
      if (field.kind === 'time') times.set(field.index, 'invalid');
      else if (field.kind === 'quietStart') quietStart = 'invalid';
      else if (field.kind === 'quietEnd') quietEnd = 'invalid';
      else if (field.kind === 'timeZone') timeZone = true;
    }
  return { times, quietStart, quietEnd, timeZone };
}

/** Up to six reminder times and optional quiet hours, saved with the phone's time zone. */
export function RemindersForm({ settings }: { settings: ReminderSettings }) {
  const { t } = useTranslation('patient');
  const queryClient = useQueryClient();
  const initial = formOf(settings);
  const [rows, setRows] = useState(() => rowsOf(initial.times));
  const [quietEnabled, setQuietEnabled] = useState(initial.quietEnabled);
  const [quietStart, setQuietStart] = useState(initial.quietStart);
  const [quietEnd, setQuietEnd] = useState(initial.quietEnd);
  const [submitted, setSubmitted] = useState(false);
  const zone = deviceTimeZone();

  const form = { times: rows.map((row) => row.value), quietEnabled, quietStart, quietEnd };
  const problems = validateForm(form);
  const quiet = quietEnabled ? { start: quietStart, end: quietEnd } : null;

  const save = useMutation({
    mutationFn: () => patientApi.saveReminders(bodyOf(form, zone ?? '')),
    networkMode: 'always',
    onSuccess: (saved) => {
      queryClient.setQueryData(patientKeys.reminders, saved);
      // Show the times as stored: sorted, without doubles.
      setRows(rowsOf(saved.times));
      setSubmitted(false);
    },
  });
  const fromServer = serverProblems(save.error);
  const formError =
    save.error instanceof ApiError && save.error.code === 'network_error'
      ? t('reminders.problems.offline')
      : fromServer.timeZone || (save.isError && !zone)
        ? t('reminders.problems.timeZone')
        : save.isError && !(save.error instanceof ApiError && save.error.code === 'validation_failed')
          ? t('reminders.problems.unexpected')
          : undefined;

  const message = (problem: TimeProblem | undefined, shown = submitted) =>
    problem && shown ? t(`reminders.problems.${problem}`) : undefined;
  // Any change makes "saved" untrue until the next save.
  const changed = () => {
    if (!save.isIdle) save.reset();
  };
  const setTime = (key: string, value: string) => {
    changed();
    setRows((current) => current.map((row) => (row.key === key ? { key, value: toMinute(value) } : row)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    save.reset();
    if (!hasProblems(problems)) save.mutate();
  };

  return (
    <Paper p="md" radius="md" withBorder component="form" onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Title order={2} size="h4" component="legend" p={0}>
            {t('reminders.times.heading')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('reminders.times.hint', { count: MAX_REMINDER_TIMES })}
          </Text>
          {rows.length === 0 && <Text>{t('reminders.times.none')}</Text>}
          {rows.map((row, index) => (
            <Group key={row.key} align="flex-start" wrap="nowrap" gap="xs">
              <TextInput
                type="time"
                size="md"
                style={{ flex: 1 }}
                label={t('reminders.times.label', { number: index + 1 })}
                value={row.value}
                onChange={(event) => setTime(row.key, event.currentTarget.value)}
                error={
                  message(problems.times[index]) ??
                  message(fromServer.times.get(index), true) ??
                  (isInQuietHours(row.value, quiet) ? t('reminders.times.inQuietHours') : undefined)
                }
              />
              <ActionIcon
                variant="subtle"
                color="gray.8"
                size={42}
                mt={26}
                aria-label={t('reminders.times.remove', { number: index + 1 })}
                onClick={() => {
                  changed();
                  setRows((current) => current.filter((other) => other.key !== row.key));
                }}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="default"
            style={{ alignSelf: 'flex-start' }}
            disabled={rows.length >= MAX_REMINDER_TIMES}
            onClick={() => {
              changed();
              setRows((current) => [...current, { key: newEntryId(), value: '' }]);
            }}
          >
            {t('reminders.times.add')}
          </Button>
        </Stack>

        <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Title order={2} size="h4" component="legend" p={0}>
            {t('reminders.quiet.heading')}
          </Title>
          <Switch
            size="md"
            label={t('reminders.quiet.toggle')}
            checked={quietEnabled}
            onChange={(event) => {
              changed();
              setQuietEnabled(event.currentTarget.checked);
            }}
          />
          {quietEnabled && (
            <>
              <Group grow align="flex-start">
                <TextInput
                  type="time"
                  size="md"
                  label={t('reminders.quiet.start')}
                  value={quietStart}
                  onChange={(event) => {
                    changed();
                    setQuietStart(toMinute(event.currentTarget.value));
                  }}
                  error={message(problems.quietStart) ?? message(fromServer.quietStart, true)}
                />
                <TextInput
                  type="time"
                  size="md"
                  label={t('reminders.quiet.end')}
                  value={quietEnd}
                  onChange={(event) => {
                    changed();
                    setQuietEnd(toMinute(event.currentTarget.value));
                  }}
                  error={message(problems.quietEnd) ?? message(fromServer.quietEnd, true)}
                />
              </Group>
              {problems.quietEmpty
                ? submitted && (
                    <Text c="red.9" size="sm" role="alert">
                      {t('reminders.problems.quietEmpty')}
                    </Text>
                  )
                : !problems.quietStart &&
                  !problems.quietEnd && (
                    <Text size="sm" c="gray.7">
                      {t(
                        runsPastMidnight({ start: quietStart, end: quietEnd })
                          ? 'reminders.quiet.pastMidnight'
                          : 'reminders.quiet.sameDay',
                        {
                          start: quietStart,
                          end: quietEnd,
                        },
                      )}
                    </Text>
                  )}
            </>
          )}
        </Stack>

        <Text size="sm" c="gray.7">
          {zone && settings.timeZone && settings.timeZone !== zone
            ? t('reminders.timeZoneChanged', { saved: settings.timeZone, zone })
            : t('reminders.timeZone', { zone: zone ?? '—' })}
        </Text>
        <FormError>{formError}</FormError>
        {save.isSuccess && (
          <Alert color="teal" variant="light" role="status" data-testid="reminders-saved">
            {t('reminders.saved')}
          </Alert>
        )}
        <Button type="submit" size="md" loading={save.isPending}>
          {t('reminders.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

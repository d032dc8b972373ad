import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { useClinicalErrors } from '../clients/errors.js';
import { canEnter, measureLabel } from './measureText.js';
import {
  type AssignInput,
  assignMeasure,
  type Measure,
  outcomeKeys,
  type Schedule,
  schedules,
} from './outcomesApi.js';

// Mantine's description grey falls short of 4.5:1 on white.
const DESCRIPTION = { description: { color: 'var(--mantine-color-gray-7)' } };

const FIELDS = ['measure', 'schedule', 'interval', 'activities'];
const repeats = (schedule: Schedule) => schedule === 'every_days' || schedule === 'every_weeks';

/** The activities typed one per line, as the API takes them. */
const activityList = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Assigns a measure with its schedule (and, for the PSFS, the activities the client named). */
export function AssignForm(props: {
  clientId: string;
  catalogue: Measure[];
  onAssigned: (notice: string) => void;
}) {
  const { clientId, catalogue, onAssigned } = props;
  const { t } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const [measure, setMeasure] = useState('');
  const [schedule, setSchedule] = useState<Schedule>('once');
  const [interval, setInterval] = useState('1');
  const [activities, setActivities] = useState('');
  const chosen = catalogue.find((entry) => entry.measure === measure);

  const assign = useMutation({
    mutationFn: () => {
      const input: AssignInput = { measure, schedule };
      if (repeats(schedule)) input.interval = Number(interval);
      if (measure === 'PSFS') input.activities = activityList(activities);
      return assignMeasure(clientId, input);
    },
    onSuccess: async (assigned) => {
      await queryClient.invalidateQueries({ queryKey: outcomeKeys.assignments(clientId) });
      onAssigned(t('assign.assigned', { name: assigned.name }));
      setMeasure('');
      setActivities('');
    },
  });
  // The API names a bad activity by its position (activities.2); it shows at the one text field.
  const activityProblem =
    assign.error instanceof ApiError
      ? assign.error.details.find((detail) => detail.field.startsWith('activities'))
      : undefined;

  return (
    <form
      aria-labelledby="assign-title"
      onSubmit={(event) => {
        event.preventDefault();
        assign.mutate();
      }}
    >
      <Stack gap="sm" maw={560}>
        <Title order={3} size="h4" id="assign-title">
          {t('assign.title')}
        </Title>
        <NativeSelect
          label={t('assign.measure')}
          value={measure}
          onChange={(event) => {
            setMeasure(event.currentTarget.value);
            assign.reset();
          }}
          data={[
            { value: '', label: t('assign.choose') },
            ...catalogue.map((entry) => ({
              value: entry.measure,
              label: canEnter(entry)
                ? measureLabel(entry)
                : t('assign.needsPack', { name: measureLabel(entry) }),
              // A patient could not read a licensed questionnaire without its text.
              disabled: !canEnter(entry),
            })),
          ]}
          error={errors.field(assign.error, 'measure')}
        />
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('assign.schedule')}
            value={schedule}
            onChange={(event) => setSchedule(event.currentTarget.value as Schedule)}
            data={schedules.map((value) => ({ value, label: t(`schedule.${value}`) }))}
            error={errors.field(assign.error, 'schedule')}
          />
          {repeats(schedule) ? (
            <TextInput
              label={schedule === 'every_days' ? t('assign.intervalDays') : t('assign.intervalWeeks')}
              inputMode="numeric"
              w={160}
              value={interval}
              onChange={(event) => setInterval(event.currentTarget.value)}
              error={errors.field(assign.error, 'interval')}
            />
          ) : null}
        </Group>
        {measure === 'PSFS' ? (
          <Textarea
            label={t('assign.activities')}
            description={t('assign.activitiesHint')}
            styles={DESCRIPTION}
            value={activities}
            onChange={(event) => setActivities(event.currentTarget.value)}
            autosize
            minRows={3}
            error={activityProblem ? errors.translateField(activityProblem.message) : undefined}
          />
        ) : null}
        {chosen && chosen.notes.length > 0 ? (
          <Text size="xs" c="gray.7">
            {chosen.notes.join(' ')}
          </Text>
        ) : null}
        <FormError>
          {errors.alert(assign.error, (field) => FIELDS.includes(field) || field.startsWith('activities'))}
        </FormError>
        <Group>
          <Button type="submit" loading={assign.isPending} disabled={!measure}>
            {t('assign.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

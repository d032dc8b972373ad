import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { useDateFormat } from '../account/format.js';
import { useClinicalErrors } from '../clients/errors.js';
import { type Assignment, endAssignment, outcomeKeys } from './outcomesApi.js';

/** One running assignment: the measure, its schedule, when it is next due (marked when due now), "End". */
export function AssignmentRow(props: {
  clientId: string;
  assignment: Assignment;
  onEnded: (notice: string) => void;
}) {
  const { clientId, assignment, onEnded } = props;
  const { t } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  const when = useDateFormat();
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: () => endAssignment(clientId, assignment.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: outcomeKeys.assignments(clientId) });
      onEnded(t('assignments.ended', { name: assignment.name }));
    },
  });
  const schedule =
    assignment.schedule === 'every_days' || assignment.schedule === 'every_weeks'
      ? t(`scheduleText.${assignment.schedule}`, { count: assignment.interval ?? 1 })
      : t(`scheduleText.${assignment.schedule}`);
  const next = assignment.nextDueAt
    ? t('assignments.nextDue', { date: when.date(assignment.nextDueAt) })
    : assignment.schedule === 'at_discharge'
      ? t('assignments.atDischarge')
      : t('assignments.nothingMore');

  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      data-testid="outcome-assignment"
      data-measure={assignment.measure}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Text fw={600}>{assignment.name}</Text>
            {assignment.due ? (
              <Badge color="blue" variant="filled" data-testid="assignment-due">
                {t('assignments.due')}
              </Badge>
            ) : null}
          </Group>
          <Button
            size="xs"
            variant="default"
            loading={end.isPending}
            onClick={() => end.mutate()}
            aria-label={t('assignments.endFor', { name: assignment.name })}
          >
            {t('assignments.end')}
          </Button>
        </Group>
        <Text size="sm">
          {schedule} · {next}
        </Text>
        {assignment.activities?.length ? (
          <Text size="sm" c="gray.7">
            {t('assignments.activities', { list: assignment.activities.join(', ') })}
          </Text>
        ) : null}
        <FormError>{end.isError ? errors.message(end.error) : undefined}</FormError>
      </Stack>
    </Paper>
  );
}

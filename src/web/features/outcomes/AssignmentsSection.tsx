import { Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { FormError } from '../../ui/FormError.js';
import { SuccessAlert } from '../account/Feedback.js';
import { useClinicalErrors } from '../clients/errors.js';
import { AssignForm } from './AssignForm.js';
import { AssignmentRow } from './AssignmentRow.js';
import { dischargeClient, type Measure, outcomeKeys, useAssignments } from './outcomesApi.js';

/** The measures assigned to the client, assigning another, and the discharge. */
export function AssignmentsSection({ clientId, catalogue }: { clientId: string; catalogue: Measure[] }) {
  const { t } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const assignments = useAssignments(clientId);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string>();
  const items = assignments.data ?? [];

  const discharge = async () => {
    await dischargeClient(clientId);
    await queryClient.invalidateQueries({ queryKey: outcomeKeys.assignments(clientId) });
    setNotice(t('assignments.discharged'));
  };

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="assignments-title"
      data-testid="outcome-assignments"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="assignments-title">
          {t('assignments.title')}
        </Title>
        <SuccessAlert>{notice}</SuccessAlert>
        {assignments.isError ? <FormError>{errors.message(assignments.error)}</FormError> : null}
        {assignments.isPending ? (
          <Skeleton h={80} />
        ) : items.length === 0 ? (
          <Text c="gray.7">{t('assignments.none')}</Text>
        ) : (
          <Stack
            gap="xs"
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('assignments.title')}
          >
            {items.map((assignment) => (
              <AssignmentRow
                key={assignment.id}
                clientId={clientId}
                assignment={assignment}
                onEnded={setNotice}
              />
            ))}
          </Stack>
        )}
        {items.length > 0 ? (
          <Group>
            <Button variant="default" onClick={() => setConfirming(true)}>
              {t('assignments.discharge')}
            </Button>
          </Group>
        ) : null}
        <AssignForm clientId={clientId} catalogue={catalogue} onAssigned={setNotice} />
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('assignments.dischargeTitle')}
        body={t('assignments.dischargeBody')}
        confirmLabel={t('assignments.dischargeConfirm')}
        cancelLabel={t('common.cancel')}
        errorText={errors.message}
        onClose={() => setConfirming(false)}
        onConfirm={discharge}
      />
    </Card>
  );
}

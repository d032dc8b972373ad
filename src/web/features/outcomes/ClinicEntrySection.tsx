import { Alert, Card, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SuccessAlert } from '../account/Feedback.js';
import { ClinicEntryForm } from './ClinicEntryForm.js';
import { canEnter, measureLabel } from './measureText.js';
import { type Measure, useAssignments } from './outcomesApi.js';

/** Answers taken in clinic: choose a measure, then its form (or why it cannot be entered here). */
export function ClinicEntrySection({ clientId, catalogue }: { clientId: string; catalogue: Measure[] }) {
  const { t } = useTranslation('outcomes');
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<string>();
  const measure = catalogue.find((entry) => entry.measure === code);
  // The PSFS rates the activities the practitioner entered with its assignment, if there is one.
  const assigned = useAssignments(clientId).data?.find((item) => item.measure === code)?.activities;

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="entry-title"
      data-testid="clinic-entry"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="entry-title">
          {t('entry.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('entry.intro')}
        </Text>
        <SuccessAlert>{notice}</SuccessAlert>
        <NativeSelect
          label={t('entry.measure')}
          value={code}
          maw={560}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            setNotice(undefined);
          }}
          data={[
            { value: '', label: t('assign.choose') },
            ...catalogue.map((entry) => ({ value: entry.measure, label: measureLabel(entry) })),
          ]}
        />
        {measure && !canEnter(measure) ? (
          <Alert color="yellow" variant="light" data-testid="needs-content-pack">
            {t('entry.needsPack', { name: measure.name })}
          </Alert>
        ) : null}
        {measure && canEnter(measure) ? (
          <ClinicEntryForm
            key={measure.measure}
            clientId={clientId}
            measure={measure}
            assignedActivities={assigned ?? null}
            onSaved={setNotice}
          />
        ) : null}
      </Stack>
    </Card>
  );
}

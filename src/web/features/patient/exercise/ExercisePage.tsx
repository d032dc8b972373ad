import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageLoader } from '../../../ui/PageLoader.js';
import { useDocumentTitle } from '../../../ui/useDocumentTitle.js';
import { Dosage } from '../Dosage.js';
import { doneAsPrescribed, type LoggedValues, newLog } from '../logEntry.js';
import { addToOutbox } from '../outbox.js';
import type { OutboxEntry } from '../outboxStore.js';
import { useProgram } from '../useProgram.js';
import { HoldTimer } from './HoldTimer.js';
import { LogForm } from './LogForm.js';
import { MediaView } from './MediaView.js';
import { type Counts, SetCounter } from './SetCounter.js';

/** One exercise: pictures and video, the steps, a hold timer, counters, and the log form. */
export default function ExercisePage() {
  const { t } = useTranslation('patient');
  const { itemId } = useParams();
  const navigate = useNavigate();
  const { today, data, isPending } = useProgram();
  const [counts, setCounts] = useState<Counts>({ sets: 0, reps: 0 });
  const [saving, setSaving] = useState(false);
  const item = data?.program?.items.find((candidate) => candidate.id === itemId);
  useDocumentTitle(item?.exercise.title ?? t('today.title'));

  if (isPending) return <PageLoader />;
  const back = (
    <Anchor component={Link} to="/">
      {t('exercise.back')}
    </Anchor>
  );
  if (!item)
    return (
      <Stack gap="md">
        <Text>{t('exercise.notFound')}</Text>
        {back}
      </Stack>
    );

  const save = async (entry: OutboxEntry) => {
    setSaving(true);
    try {
      await addToOutbox([entry]);
      const title = item.exercise.title;
      const saved = navigator.onLine ? t('today.saved', { title }) : t('today.savedOffline', { title });
      await navigate('/', { state: { saved } });
    } finally {
      setSaving(false);
    }
  };
  const { exercise } = item;
  return (
    <Stack gap="lg" data-testid="exercise-page">
      {back}
      <Stack gap={4}>
        <Title order={1}>{exercise.title}</Title>
        <Dosage item={item} />
      </Stack>
      <MediaView media={exercise.media} title={exercise.title} />
      {item.notes && (
        <Paper p="md" radius="md" withBorder bg="teal.0">
          <Title order={2} size="h5">
            {t('exercise.fromPractitioner')}
          </Title>
          <Text style={{ whiteSpace: 'pre-line' }}>{item.notes}</Text>
        </Paper>
      )}
      {exercise.description && <Text>{exercise.description}</Text>}
      {exercise.instructions.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="how-to">
          <Title order={2} size="h4" id="how-to">
            {t('exercise.howTo')}
          </Title>
          <List type="ordered" spacing="xs">
            {exercise.instructions.map((step, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are fixed text in a fixed order.
              <List.Item key={index}>{step}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      {item.holdSeconds ? <HoldTimer seconds={item.holdSeconds} /> : null}
      <SetCounter prescribedSets={item.sets} counts={counts} onChange={setCounts} />
      <LogForm
        item={item}
        countedSets={counts.sets}
        saving={saving}
        onSave={(values: LoggedValues) => void save(newLog(item, today, values))}
        onDoneAll={() => void save(doneAsPrescribed(item, today))}
      />
    </Stack>
  );
}

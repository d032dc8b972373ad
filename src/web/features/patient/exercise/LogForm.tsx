import {
  Button,
  Chip,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoggedValues } from '../logEntry.js';
import type { PatientProgramItem } from '../types.js';

interface LogFormProps {
  item: PatientProgramItem;
  /** Sets finished on the counter, if any: the form starts from them. */
  countedSets: number;
  onSave(values: LoggedValues): void;
  onDoneAll(): void;
  saving: boolean;
}

const asCount = (value: string): number | null | undefined => {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : undefined;
};

const PAIN_LEVELS = Array.from({ length: 11 }, (_, level) => String(level));

/** Sets, reps and hold done, pain 0–10 and a comment for one session of the exercise. */
export function LogForm({ item, countedSets, onSave, onDoneAll, saving }: LogFormProps) {
  const { t } = useTranslation('patient');
  const [sets, setSets] = useState(String(countedSets || (item.sets ?? '')));
  const [reps, setReps] = useState(String(item.reps ?? ''));
  const [hold, setHold] = useState(String(item.holdSeconds ?? ''));
  const [pain, setPain] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const values = { setsDone: asCount(sets), repsDone: asCount(reps), holdSeconds: asCount(hold) };
  const problem = (value: number | null | undefined) =>
    submitted && value === undefined ? t('exercise.log.invalid') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const { setsDone, repsDone, holdSeconds } = values;
    if (setsDone === undefined || repsDone === undefined || holdSeconds === undefined) return;
    onSave({ setsDone, repsDone, holdSeconds, painLevel: pain === null ? null : Number(pain), comment });
  };

  const numberField = { inputMode: 'numeric' as const, size: 'md' as const, autoComplete: 'off' };
  return (
    <Paper p="md" radius="md" withBorder component="section" aria-labelledby="log-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4" id="log-heading">
            {t('exercise.log.heading')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <TextInput
              {...numberField}
              label={t('exercise.log.setsDone')}
              value={sets}
              onChange={(e) => setSets(e.currentTarget.value)}
              error={problem(values.setsDone)}
            />
            <TextInput
              {...numberField}
              label={t('exercise.log.repsDone')}
              value={reps}
              onChange={(e) => setReps(e.currentTarget.value)}
              error={problem(values.repsDone)}
            />
            <TextInput
              {...numberField}
              label={t('exercise.log.holdDone')}
              value={hold}
              onChange={(e) => setHold(e.currentTarget.value)}
              error={problem(values.holdSeconds)}
            />
          </SimpleGrid>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" fw={500} size="sm">
              {t('exercise.log.pain')}
            </Text>
            <Text size="xs" c="gray.7" mb={6}>
              {t('exercise.log.painHint')}
            </Text>
            <Chip.Group multiple={false} value={pain} onChange={setPain}>
              <Group gap={6}>
                {PAIN_LEVELS.map((level) => (
                  <Chip key={level} value={level} size="sm" name="pain" data-testid={`pain-${level}`}>
                    {level}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </fieldset>
          <Textarea
            label={t('exercise.log.comment')}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={2}
          />
          <Button type="submit" size="md" loading={saving}>
            {t('exercise.log.save')}
          </Button>
          <Button variant="light" size="md" onClick={onDoneAll} disabled={saving}>
            {t('exercise.log.doneAll')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { useClinicalErrors } from '../clients/errors.js';
import { ItemField } from './ItemField.js';
import { answerIndex, formatTotal } from './measureText.js';
import { type EntryInput, enterResponse, type Measure, outcomeKeys } from './outcomesApi.js';
import { isFutureDay, localDay, takenAtFor } from './takenOn.js';
import { useAnswerProblem } from './useAnswerProblem.js';

const PSFS_ROWS = 5;
// Mantine's description grey falls short of 4.5:1 on white.
const DESCRIPTION = { description: { color: 'var(--mantine-color-gray-7)' } };
const toAnswer = (value: string) => (value.trim() === '' ? null : Number(value.replace(',', '.')));

/**
 * The answers to one measure taken in clinic: one field per item in the practitioner's language (for
 * the PSFS, an activity and its rating per row), the licence's attribution, and the server's problem
 * with an item shown at that item.
 */
export function ClinicEntryForm(props: {
  clientId: string;
  measure: Measure;
  assignedActivities: string[] | null;
  onSaved: (notice: string) => void;
}) {
  const { clientId, measure, assignedActivities, onSaved } = props;
  const { t, i18n } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  const answerProblem = useAnswerProblem();
  const queryClient = useQueryClient();
  const psfs = measure.measure === 'PSFS';
  const rows = psfs ? (assignedActivities?.length ?? PSFS_ROWS) : measure.items.length;
  const [values, setValues] = useState<string[]>(() => Array(rows).fill(''));
  const [activities, setActivities] = useState<string[]>(
    () => assignedActivities ?? Array(PSFS_ROWS).fill(''),
  );
  const [takenOn, setTakenOn] = useState(() => localDay(new Date()));
  const [futureDay, setFutureDay] = useState(false);
  // PSFS rows without an activity are left out; the answers and the server's problems follow the rest.
  const used = psfs
    ? activities.flatMap((activity, row) => (activity.trim() ? [row] : []))
    : values.map((_, row) => row);

  const save = useMutation({
    mutationFn: () => {
      const input: EntryInput = {
        measure: measure.measure,
        answers: used.map((row) => toAnswer(values[row] ?? '')),
        takenAt: takenAtFor(takenOn, new Date()),
      };
      if (psfs) input.activities = used.map((row) => activities[row]?.trim() ?? '');
      return enterResponse(clientId, input);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: outcomeKeys.client(clientId) });
      setValues(Array(rows).fill(''));
      onSaved(
        saved.score.total === null
          ? t('entry.savedNoTotal', { name: saved.name })
          : t('entry.saved', {
              name: saved.name,
              total: formatTotal(saved.score.total, i18n.resolvedLanguage ?? 'en'),
            }),
      );
    },
  });
  const problemAt = (row: number) => {
    if (!(save.error instanceof ApiError)) return undefined;
    const index = used.indexOf(row);
    const detail = save.error.details.find((problem) => answerIndex(problem.field) === index);
    return detail ? answerProblem(detail.message) : undefined;
  };
  const setAt = (list: string[], row: number, value: string) =>
    list.map((current, at) => (at === row ? value : current));
  const template = measure.items[0];
  // A scale without item text (the NPRS) is labelled by its name; others by number and text.
  const itemLabel = (text: string | null, row: number) =>
    text
      ? t('entry.item', { number: row + 1, text })
      : measure.items.length === 1
        ? measure.name
        : t('entry.itemNumber', { number: row + 1 });

  return (
    <form
      aria-label={measure.name}
      onSubmit={(event) => {
        event.preventDefault();
        // The date input's max is only a hint to the picker; a typed future day is stopped here.
        const future = isFutureDay(takenOn, new Date());
        setFutureDay(future);
        if (!future) save.mutate();
      }}
      data-testid="clinic-entry-form"
    >
      <Stack gap="sm">
        <TextInput
          type="date"
          label={t('entry.takenOn')}
          description={t('entry.takenOnHint')}
          styles={DESCRIPTION}
          value={takenOn}
          max={localDay(new Date())}
          onChange={(event) => setTakenOn(event.currentTarget.value)}
          error={futureDay ? t('entry.takenOnFuture') : errors.field(save.error, 'takenAt')}
          maw={240}
        />
        {measure.instructions ? <Text size="sm">{measure.instructions}</Text> : null}
        {psfs && template
          ? activities.map((activity, row) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the rows are fixed positions of the form.
              <Group key={row} align="flex-start" gap="sm">
                <TextInput
                  label={t('entry.activity', { number: row + 1 })}
                  value={activity}
                  readOnly={assignedActivities !== null}
                  onChange={(event) => setActivities(setAt(activities, row, event.currentTarget.value))}
                  w={280}
                />
                <ItemField
                  item={template}
                  label={t('entry.rating', { number: row + 1 })}
                  value={values[row] ?? ''}
                  onChange={(value) => setValues(setAt(values, row, value))}
                  error={problemAt(row)}
                />
              </Group>
            ))
          : measure.items.map((item, row) => (
              <Stack key={item.id} gap={4}>
                {item.preamble ? (
                  <Text size="sm" fw={600}>
                    {item.preamble}
                  </Text>
                ) : null}
                <ItemField
                  item={item}
                  label={itemLabel(item.text, row)}
                  value={values[row] ?? ''}
                  onChange={(value) => setValues(setAt(values, row, value))}
                  error={problemAt(row)}
                />
              </Stack>
            ))}
        <FormError>
          {errors.alert(save.error, (field) => field === 'takenAt' || answerIndex(field) !== undefined)}
        </FormError>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('entry.save')}
          </Button>
        </Group>
        <Stack gap={2} data-testid="measure-attribution">
          <Text size="xs" c="gray.7">
            {t('entry.licence', { holder: measure.licence.holder })} {measure.licence.terms}
          </Text>
          {measure.attribution.map((line) => (
            <Text key={line} size="xs" c="gray.7">
              {line}
            </Text>
          ))}
        </Stack>
      </Stack>
    </form>
  );
}

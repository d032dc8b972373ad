import { Alert, Button, Fieldset, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { SuccessAlert } from '../account/Feedback.js';
import { useClinicalErrors } from '../clients/errors.js';
import { BandsFieldset } from './BandsFieldset.js';
import {
  bandProblems,
  type CustomMeasureValues,
  customMeasureBody,
  customMeasureValues,
  emptyCustomMeasure,
  placeProblems,
  scoreRange,
} from './customMeasureForm.js';
import { type CustomMeasure, customMeasureKeys, saveCustomMeasure } from './customMeasuresApi.js';
import { ItemsFieldset } from './ItemsFieldset.js';
import { useMeasureProblem } from './measureProblems.js';
import { formatTotal } from './measureText.js';

// Mantine's description grey falls short of 4.5:1 on white.
const DESCRIPTION = { description: { color: 'var(--mantine-color-gray-7)' } };

/**
 * Creates or edits a custom measure. What was typed stays as typed whatever the server answers; its
 * field problems are shown at the inputs they name, and the bands are checked live as well.
 */
export function CustomMeasureForm({ existing }: { existing?: CustomMeasure }) {
  const { t, i18n } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  const translate = useMeasureProblem();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<CustomMeasureValues>(() =>
    existing ? customMeasureValues(existing.definition) : emptyCustomMeasure(),
  );
  const set = <K extends keyof CustomMeasureValues>(key: K, value: CustomMeasureValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const saved = async (measure: CustomMeasure, created: boolean) => {
    // The catalogue lists the practice's measures for assigning: it must see the change too.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: customMeasureKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['outcome-measures'] }),
    ]);
    if (created) await navigate(`/outcome-measures/${measure.id}`, { state: { created: true } });
  };
  const save = useMutation({
    mutationFn: (sent: CustomMeasureValues) => saveCustomMeasure(existing?.id, customMeasureBody(sent)),
    onSuccess: (measure) => saved(measure, !existing),
  });
  // After a 409: the changed version as a measure of its own, the answered one left as it was.
  const saveAsNew = useMutation({
    mutationFn: (sent: CustomMeasureValues) => saveCustomMeasure(undefined, customMeasureBody(sent)),
    onSuccess: (measure) => saved(measure, true),
  });

  const sent = save.variables;
  const problems =
    save.error instanceof ApiError && sent ? placeProblems(save.error.details, sent) : undefined;
  const at = (place: string) => problems?.placed.get(place)?.map(translate).join(' ');
  const inUse = save.error instanceof ApiError && save.error.code === 'measure_in_use';
  const range = scoreRange(values.items, values.scoring);
  const locale = i18n.resolvedLanguage ?? 'en';

  // A long form: move to the first field the server refused, so it is not missed below the fold.
  useEffect(() => {
    if (!save.error) return;
    formRef.current
      ?.querySelector<HTMLElement>('[aria-invalid="true"], [data-testid="group-error"]')
      ?.focus();
  }, [save.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(values);
  };

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      aria-label={existing ? t('editor.editTitle') : t('editor.newTitle')}
    >
      <Stack gap="lg">
        <TextInput
          label={t('editor.name')}
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={at('name')}
          maw={560}
        />
        <Fieldset legend={t('editor.instructions')} aria-describedby="instructions-hint">
          <Stack gap="xs">
            <Text id="instructions-hint" size="sm" c="gray.7">
              {t('editor.instructionsHint')}
            </Text>
            <Textarea
              label={t('editor.english')}
              autosize
              minRows={2}
              value={values.instructionsEn}
              onChange={(event) => set('instructionsEn', event.currentTarget.value)}
              error={at('instructions.en')}
            />
            <Textarea
              label={t('editor.german')}
              autosize
              minRows={2}
              value={values.instructionsDe}
              onChange={(event) => set('instructionsDe', event.currentTarget.value)}
              error={at('instructions.de')}
            />
          </Stack>
        </Fieldset>
        <ItemsFieldset items={values.items} onChange={(items) => set('items', items)} at={at} />
        <Radio.Group
          label={t('editor.scoring')}
          value={values.scoring}
          onChange={(scoring) => set('scoring', scoring === 'mean' ? 'mean' : 'sum')}
          error={at('scoring')}
        >
          <Group gap="lg" mt={4}>
            <Radio value="sum" label={t('editor.sum')} />
            <Radio value="mean" label={t('editor.mean')} />
          </Group>
        </Radio.Group>
        <Text size="sm" c="gray.7" aria-live="polite" data-testid="score-range">
          {range
            ? t('editor.range', { min: formatTotal(range.min, locale), max: formatTotal(range.max, locale) })
            : t('editor.rangeUnknown')}
        </Text>
        <Radio.Group
          label={t('editor.direction')}
          value={values.direction}
          onChange={(direction) => set('direction', direction === 'lower' ? 'lower' : 'higher')}
          error={at('higherIsBetter')}
        >
          <Group gap="lg" mt={4}>
            <Radio value="higher" label={t('editor.higher')} />
            <Radio value="lower" label={t('editor.lower')} />
          </Group>
        </Radio.Group>
        <TextInput
          label={t('editor.mcid')}
          description={t('editor.mcidHint')}
          styles={DESCRIPTION}
          inputMode="decimal"
          value={values.mcid}
          onChange={(event) => set('mcid', event.currentTarget.value)}
          error={at('mcid')}
          maw={560}
        />
        <BandsFieldset
          bands={values.bands}
          onChange={(bands) => set('bands', bands)}
          live={bandProblems(values.bands, range)}
          at={at}
        />
        {inUse ? (
          <Alert
            color="yellow"
            variant="light"
            role="alert"
            title={t('editor.inUseTitle')}
            data-testid="measure-in-use"
          >
            <Stack gap="sm">
              <Text size="sm">{t('editor.inUseBody')}</Text>
              <FormError>{saveAsNew.error ? errors.message(saveAsNew.error) : undefined}</FormError>
              <Group>
                <Button
                  variant="default"
                  loading={saveAsNew.isPending}
                  onClick={() => saveAsNew.mutate(values)}
                >
                  {t('editor.saveAsNew')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <FormError>
            {save.error
              ? [
                  errors.message(save.error),
                  ...(problems?.elsewhere ?? []).map((p) => translate(p.message)),
                ].join(' ')
              : undefined}
          </FormError>
        )}
        <SuccessAlert>{existing && save.isSuccess ? t('editor.saved') : undefined}</SuccessAlert>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {existing ? t('editor.save') : t('editor.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

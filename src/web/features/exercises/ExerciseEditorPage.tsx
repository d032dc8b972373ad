import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { SuccessAlert } from '../account/Feedback.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { useClinicalErrors } from '../clients/errors.js';
import { type Exercise, type ExerciseFilters, sides, useExerciseFilters } from '../library/libraryApi.js';
import { useVocab } from '../library/vocab.js';
import {
  dosageNumbers,
  type ExerciseFormValues,
  emptyExerciseValues,
  exerciseBody,
  exerciseValues,
  nextEquipment,
  type TextLanguage,
  textFieldPrefix,
  textLanguages,
} from './exerciseForm.js';
import { saveExercise, useExerciseInAllLanguages } from './exercisesApi.js';
import { MediaSection } from './MediaSection.js';
import { TextsFieldset } from './TextsFieldset.js';

/** Creating (`/library/exercises/new`) or editing (`/library/exercises/:id`) a custom exercise. */
export function ExerciseEditorPage() {
  const { t } = useTranslation('clinical');
  const { id } = useParams();
  const title = id ? t('exercise.editTitle') : t('exercise.newTitle');
  useDocumentTitle(title);
  return (
    <ClinicalGate title={title}>
      <Stack gap="lg" maw={820} data-testid="page-exercise-editor">
        <Anchor component={Link} to="/library" size="sm">
          {t('exercise.backToLibrary')}
        </Anchor>
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{t('exercise.intro')}</Text>
        {id ? <ExistingExercise key={id} id={id} /> : <ExerciseForm />}
      </Stack>
    </ClinicalGate>
  );
}

function ExistingExercise({ id }: { id: string }) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const exercise = useExerciseInAllLanguages(id);
  if (exercise.isPending) return <Skeleton h={320} />;
  if (exercise.isError) return <FormError>{errors.message(exercise.error)}</FormError>;
  const main = Object.values(exercise.data).find((item) => item !== undefined);
  if (!main) return null;
  if (main.source !== 'practice') return <Alert color="yellow">{t('exercise.notCustom')}</Alert>;
  return (
    <Stack gap="xl">
      <ExerciseForm existing={main} initial={exerciseValues(exercise.data)} />
      <MediaSection exercise={main} />
    </Stack>
  );
}

const vocabList = (filters: ExerciseFilters | undefined, list: keyof Omit<ExerciseFilters, 'languages'>) =>
  filters?.[list] ?? [];

function ExerciseForm({ existing, initial }: { existing?: Exercise; initial?: ExerciseFormValues }) {
  const { t, i18n } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const vocab = useVocab();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const filters = useExerciseFilters().data;
  const [values, setValues] = useState<ExerciseFormValues>(
    () => initial ?? emptyExerciseValues(i18n.resolvedLanguage === 'de' ? 'de' : 'en'),
  );
  const [languageProblem, setLanguageProblem] = useState(false);
  const save = useMutation({
    mutationFn: () => saveExercise(existing?.id, exerciseBody(values)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['exercises'] });
      if (!existing) await navigate(`/library/exercises/${saved.id}`, { state: { created: true } });
    },
  });
  const set = <K extends keyof ExerciseFormValues>(key: K, value: ExerciseFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const toggleLanguage = (lang: TextLanguage, on: boolean) =>
    set('languages', on ? [...values.languages, lang] : values.languages.filter((item) => item !== lang));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (values.languages.length === 0) return setLanguageProblem(true);
    setLanguageProblem(false);
    save.mutate();
  };
  // Problems at fields this form shows; others (and the refusals that are not about fields) go in the alert.
  const shown = (field: string) =>
    /^(translations\.\w+\.)?(title|description|instructions|keywords)(\.\d+)?$/.test(field) ||
    ['bodyRegion', 'equipment', 'position', 'difficulty', 'contraindications'].includes(field) ||
    field.startsWith('defaultDosage.');
  const options = (list: keyof Omit<ExerciseFilters, 'languages'>, kind: Parameters<typeof vocab>[0]) =>
    vocabList(filters, list).map((code) => ({ value: code, label: vocab(kind, code) }));

  return (
    <form onSubmit={submit} noValidate aria-label={existing ? t('exercise.update') : t('exercise.create')}>
      <Stack gap="lg">
        <Checkbox.Group
          label={t('exercise.languages')}
          value={values.languages}
          error={languageProblem ? t('exercise.chooseLanguage') : undefined}
        >
          <Group gap="md" mt={4}>
            {textLanguages.map((lang) => (
              <Checkbox
                key={lang}
                value={lang}
                label={t(`vocab.language.${lang}`)}
                checked={values.languages.includes(lang)}
                onChange={(event) => toggleLanguage(lang, event.currentTarget.checked)}
              />
            ))}
          </Group>
        </Checkbox.Group>
        {values.languages.map((lang) => (
          <TextsFieldset
            key={lang}
            language={lang}
            texts={values.texts[lang]}
            onChange={(texts) => set('texts', { ...values.texts, [lang]: texts })}
            fieldPrefix={textFieldPrefix(values, lang)}
            error={save.error}
            errors={errors}
          />
        ))}
        <Fieldset legend={t('exercise.tags')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NativeSelect
              label={t('library.bodyRegion')}
              value={values.bodyRegion}
              onChange={(event) => set('bodyRegion', event.currentTarget.value)}
              data={options('bodyRegions', 'bodyRegion')}
              error={errors.field(save.error, 'bodyRegion')}
            />
            <NativeSelect
              label={t('library.position')}
              value={values.position}
              onChange={(event) => set('position', event.currentTarget.value)}
              data={options('positions', 'position')}
              error={errors.field(save.error, 'position')}
            />
            <NativeSelect
              label={t('library.difficulty')}
              value={values.difficulty}
              onChange={(event) => set('difficulty', event.currentTarget.value)}
              data={options('difficulties', 'difficulty')}
              error={errors.field(save.error, 'difficulty')}
            />
          </SimpleGrid>
          <MultiSelect
            mt="sm"
            label={t('library.equipment')}
            value={values.equipment}
            onChange={(chosen) => set('equipment', nextEquipment(values.equipment, chosen))}
            data={options('equipment', 'equipment')}
            searchable
            error={errors.field(save.error, 'equipment')}
          />
          <MultiSelect
            mt="sm"
            label={t('exercise.contraindications')}
            value={values.contraindications}
            onChange={(chosen) => set('contraindications', chosen)}
            data={options('contraindications', 'contraindication')}
            searchable
            error={errors.field(save.error, 'contraindications')}
          />
        </Fieldset>
        <Fieldset legend={t('exercise.dosage')}>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {dosageNumbers.map((name) => (
              <TextInput
                key={name}
                label={t(`dosage.${name}`)}
                inputMode="numeric"
                value={values.dosage[name]}
                onChange={(event) => set('dosage', { ...values.dosage, [name]: event.currentTarget.value })}
                error={errors.field(save.error, `defaultDosage.${name}`)}
              />
            ))}
            <NativeSelect
              label={t('dosage.side')}
              value={values.dosage.side}
              onChange={(event) =>
                set('dosage', {
                  ...values.dosage,
                  side: event.currentTarget.value as ExerciseFormValues['dosage']['side'],
                })
              }
              data={[
                { value: '', label: t('dosage.sideAny') },
                ...sides.map((side) => ({ value: side, label: vocab('side', side) })),
              ]}
            />
            <TextInput
              label={t('dosage.load')}
              placeholder={t('dosage.loadPlaceholder')}
              value={values.dosage.load}
              onChange={(event) => set('dosage', { ...values.dosage, load: event.currentTarget.value })}
              error={errors.field(save.error, 'defaultDosage.load')}
            />
          </SimpleGrid>
        </Fieldset>
        <FormError>{errors.alert(save.error, shown)}</FormError>
        <SuccessAlert>{existing && save.isSuccess ? t('exercise.saved') : undefined}</SuccessAlert>
        <CreatedNotice />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {existing ? t('exercise.update') : t('exercise.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** After creating, the page reloads as the edit page: say that it worked and that media come next. */
function CreatedNotice() {
  const { t } = useTranslation('clinical');
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  return <SuccessAlert>{created ? t('exercise.created') : undefined}</SuccessAlert>;
}

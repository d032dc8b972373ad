import { ActionIcon, Button, Fieldset, Group, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClinicalErrors } from '../clients/errors.js';
import type { ExerciseTexts, TextLanguage } from './exerciseForm.js';

const MAX_STEPS = 15;

interface TextsFieldsetProps {
  language: TextLanguage;
  texts: ExerciseTexts;
  onChange: (texts: ExerciseTexts) => void;
  /** Where the server names this language's problems ('' or 'translations.de.'). */
  fieldPrefix: string;
  error: unknown;
  errors: ClinicalErrors;
}

/** Title, description, numbered instructions and keywords of an exercise in one language. */
export function TextsFieldset({ language, texts, onChange, fieldPrefix, error, errors }: TextsFieldsetProps) {
  const { t } = useTranslation('clinical');
  const languageName = t(`vocab.language.${language}`);
  const at = (field: string) => errors.field(error, `${fieldPrefix}${field}`);
  const setStep = (index: number, value: string) =>
    onChange({ ...texts, instructions: texts.instructions.map((step, i) => (i === index ? value : step)) });
  const removeStep = (index: number) =>
    onChange({ ...texts, instructions: texts.instructions.filter((_, i) => i !== index) });

  return (
    <Fieldset legend={t('exercise.textsIn', { language: languageName })} lang={language}>
      <Stack gap="sm">
        <TextInput
          label={`${t('exercise.title')} (${languageName})`}
          required
          value={texts.title}
          onChange={(event) => onChange({ ...texts, title: event.currentTarget.value })}
          error={at('title')}
        />
        <Textarea
          label={`${t('exercise.description')} (${languageName})`}
          required
          autosize
          minRows={2}
          value={texts.description}
          onChange={(event) => onChange({ ...texts, description: event.currentTarget.value })}
          error={at('description')}
        />
        <Stack gap={6} role="group" aria-label={`${t('exercise.instructions')} (${languageName})`}>
          <Group gap="xs">
            <strong>{t('exercise.instructions')}</strong>
          </Group>
          <ol style={{ margin: 0, paddingInlineStart: '1.5rem' }}>
            {texts.instructions.map((step, index) => (
              // Steps have no identity of their own; their position is what the client reads.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={index} style={{ marginBottom: 6 }}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <TextInput
                    style={{ flex: 1 }}
                    aria-label={`${t('exercise.step', { number: index + 1 })} (${languageName})`}
                    value={step}
                    onChange={(event) => setStep(index, event.currentTarget.value)}
                    error={at(`instructions.${index}`)}
                  />
                  {texts.instructions.length > 1 ? (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('exercise.removeStep', { number: index + 1 })}
                      onClick={() => removeStep(index)}
                    >
                      ×
                    </ActionIcon>
                  ) : null}
                </Group>
              </li>
            ))}
          </ol>
          {at('instructions') ? (
            <div
              role="alert"
              style={{ color: 'var(--mantine-color-error)', fontSize: 'var(--mantine-font-size-sm)' }}
            >
              {at('instructions')}
            </div>
          ) : null}
          <Group>
            <Button
              size="xs"
              variant="light"
              disabled={texts.instructions.length >= MAX_STEPS}
              onClick={() => onChange({ ...texts, instructions: [...texts.instructions, ''] })}
            >
              {t('exercise.addStep')}
            </Button>
          </Group>
        </Stack>
        <TagsInput
          label={`${t('exercise.keywords')} (${languageName})`}
          description={t('exercise.keywordsHint')}
          value={texts.keywords}
          onChange={(keywords) => onChange({ ...texts, keywords })}
          maxTags={10}
          error={at('keywords')}
        />
      </Stack>
    </Fieldset>
  );
}

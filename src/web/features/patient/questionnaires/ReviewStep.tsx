import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Step } from './flow.js';

/** Every question with its answer, each changeable, before the answers are sent. */
export function ReviewStep(props: {
  steps: Step[];
  values: (number | null)[];
  onChange: (index: number) => void;
}) {
  const { steps, values, onChange } = props;
  const { t } = useTranslation('patient');
  const answerText = (step: Step) => {
    const value = values[step.index];
    if (value === null || value === undefined) return t('questionnaires.review.noAnswer');
    const label = step.choices?.find((choice) => choice.value === value)?.label;
    return label ? `${label}` : String(value);
  };
  return (
    <Stack gap="sm" data-testid="questionnaire-review">
      <Title order={2} size="h3">
        {t('questionnaires.review.title')}
      </Title>
      <Text>{t('questionnaires.review.intro')}</Text>
      <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {steps.map((step) => (
          <Paper component="li" key={step.index} withBorder p="sm" radius="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Text size="sm">
                  {step.index + 1}. {step.question}
                </Text>
                <Text fw={600}>{answerText(step)}</Text>
              </Stack>
              <Button
                variant="default"
                size="sm"
                onClick={() => onChange(step.index)}
                aria-label={t('questionnaires.review.changeLabel', { number: step.index + 1 })}
              >
                {t('questionnaires.review.change')}
              </Button>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

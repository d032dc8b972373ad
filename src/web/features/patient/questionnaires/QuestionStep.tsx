import { Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Step } from './flow.js';

/**
 * One question on its own screen. The question is the label of its radio group (or of the typed
 * field), so a screen reader announces it with the choices; the choices are large tap targets.
 */
export function QuestionStep(props: {
  step: Step;
  value: number | null;
  onChange: (value: number | null) => void;
}) {
  const { step, value, onChange } = props;
  const { t } = useTranslation('patient');
  const anchors =
    step.anchors?.min || step.anchors?.max
      ? t('questionnaires.scaleEnds', {
          min: step.min,
          minLabel: step.anchors.min ?? '',
          max: step.max,
          maxLabel: step.anchors.max ?? '',
        })
      : undefined;
  const label = (
    <Text component="span" fz="lg" fw={600} style={{ display: 'block' }}>
      {step.question}
    </Text>
  );

  if (!step.choices)
    return (
      <TextInput
        label={label}
        description={anchors ?? t('questionnaires.typed', { min: step.min, max: step.max })}
        inputMode="decimal"
        size="lg"
        value={value === null ? '' : String(value)}
        onChange={(event) => {
          const text = event.currentTarget.value.replace(',', '.').trim();
          onChange(text === '' || !Number.isFinite(Number(text)) ? null : Number(text));
        }}
      />
    );

  const labelled = step.choices.some((choice) => choice.label);
  return (
    <Radio.Group
      label={label}
      description={anchors}
      value={value === null ? '' : String(value)}
      onChange={(next) => onChange(next === '' ? null : Number(next))}
    >
      {labelled ? (
        <Stack gap="sm" mt="sm">
          {step.choices.map((choice) => (
            <Radio.Card key={choice.value} value={String(choice.value)} p="md" radius="md" mih={56}>
              <Group wrap="nowrap" gap="md">
                <Radio.Indicator />
                <Text fz="md">{choice.label ?? choice.value}</Text>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      ) : (
        // A 0–10 scale: number buttons, six to a row on a phone.
        <SimpleGrid cols={{ base: 6, xs: 11 }} spacing={6} mt="sm">
          {step.choices.map((choice) => (
            <Radio.Card
              key={choice.value}
              value={String(choice.value)}
              radius="md"
              mih={48}
              aria-label={String(choice.value)}
              style={{ textAlign: 'center' }}
            >
              <Text fz="lg" fw={600}>
                {choice.value}
              </Text>
            </Radio.Card>
          ))}
        </SimpleGrid>
      )}
    </Radio.Group>
  );
}

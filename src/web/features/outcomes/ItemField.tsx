import { NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeasureItem } from './outcomesApi.js';

// Mantine's description grey falls short of 4.5:1 on white.
const DESCRIPTION = { description: { color: 'var(--mantine-color-gray-7)' } };

// Up to this many whole numbers are offered as a list (0–10, −7…+7); more are typed.
const MAX_LISTED = 21;

/** One item's answer in the clinic form: a list of its options or numbers, or a typed number. */
export function ItemField(props: {
  item: MeasureItem;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { item, label, value, onChange, error } = props;
  const { t } = useTranslation('outcomes');
  const anchors =
    item.anchors?.min || item.anchors?.max
      ? t('entry.anchors', {
          min: item.min,
          minLabel: item.anchors.min ?? '',
          max: item.max,
          maxLabel: item.anchors.max ?? '',
        })
      : undefined;
  const count = item.max - item.min + 1;
  if (!item.options && (count > MAX_LISTED || !Number.isInteger(item.min)))
    return (
      <TextInput
        label={label}
        description={anchors ?? t('entry.range', { min: item.min, max: item.max })}
        styles={DESCRIPTION}
        inputMode="decimal"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        maw={240}
      />
    );
  const choices =
    item.options?.map((option) => ({
      value: String(option.value),
      label: option.label ? `${option.value} – ${option.label}` : String(option.value),
    })) ??
    Array.from({ length: count }, (_, index) => ({
      value: String(item.min + index),
      label: String(item.min + index),
    }));
  return (
    <NativeSelect
      label={label}
      description={anchors}
      styles={DESCRIPTION}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[{ value: '', label: t('entry.noAnswer') }, ...choices]}
      error={error}
      maw={560}
    />
  );
}

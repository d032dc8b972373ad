import { Input, SegmentedControl, Stack } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isPeriod, type PeriodDays, periods } from './period.js';

/** Last 7, 14, 28 or 90 days: one radio group, labelled so screen readers name it. */
export function PeriodPicker({
  value,
  onChange,
}: {
  value: PeriodDays;
  onChange: (days: PeriodDays) => void;
}) {
  const { t } = useTranslation('care');
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Input.Label labelElement="div" id={labelId}>
        {t('period.label')}
      </Input.Label>
      <SegmentedControl
        aria-labelledby={labelId}
        value={String(value)}
        onChange={(next) => {
          const days = Number(next);
          if (isPeriod(days)) onChange(days);
        }}
        data={periods.map((days) => ({ value: String(days), label: t('period.days', { count: days }) }))}
        w="fit-content"
        data-testid="period-picker"
      />
    </Stack>
  );
}

import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatientProgramItem } from './types.js';

const SIDES = ['left', 'right', 'both', 'alternate'] as const;
type KnownSide = (typeof SIDES)[number];
const isKnownSide = (side: string | null): side is KnownSide => SIDES.includes(side as KnownSide);

/** The prescription in one line: "3 sets · 10 reps · hold 5 s · left side · twice a day". */
export function Dosage({ item }: { item: PatientProgramItem }) {
  const { t } = useTranslation('patient');
  const parts = [
    item.sets !== null && t('dosage.sets', { count: item.sets }),
    item.reps !== null && t('dosage.reps', { count: item.reps }),
    item.holdSeconds ? t('dosage.hold', { count: item.holdSeconds }) : null,
    item.restSeconds ? t('dosage.rest', { count: item.restSeconds }) : null,
    isKnownSide(item.side) ? t(`dosage.side.${item.side}`) : null,
    item.load ? t('dosage.load', { load: item.load }) : null,
    item.timesPerDay !== null && t('dosage.timesPerDay', { count: item.timesPerDay }),
    item.daysPerWeek !== null && t('dosage.daysPerWeek', { count: item.daysPerWeek }),
  ].filter((part): part is string => typeof part === 'string' && part !== '');
  return <Text size="sm">{parts.join(' · ')}</Text>;
}

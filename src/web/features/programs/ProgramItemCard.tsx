import {
  ActionIcon,
  Badge,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClinicalErrors } from '../clients/errors.js';
import { sides } from '../library/libraryApi.js';
import { useVocab } from '../library/vocab.js';
import { type DraftItem, itemNumbers } from './programDraft.js';

interface ProgramItemCardProps {
  item: DraftItem;
  index: number;
  count: number;
  onChange: (item: DraftItem) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  error: unknown;
  errors: ClinicalErrors;
}

/** One exercise of the program: its dosage fields and the buttons that move or remove it. */
export function ProgramItemCard({
  item,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  error,
  errors,
}: ProgramItemCardProps) {
  const { t } = useTranslation('clinical');
  const vocab = useVocab();
  const title = item.title ?? t('program.missingExercise');
  const at = (field: string) => errors.field(error, `items.${index}.${field}`);
  const set = <K extends keyof DraftItem>(key: K, value: DraftItem[K]) => onChange({ ...item, [key]: value });

  return (
    <Card
      withBorder
      padding="sm"
      data-testid="program-item"
      data-item-key={item.key}
      aria-label={title}
      component="section"
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Badge variant="filled" circle aria-label={t('program.position', { number: index + 1, count })}>
              {index + 1}
            </Badge>
            <Text fw={600} data-testid="program-item-title">
              {title}
            </Text>
            {item.archived ? (
              <Badge color="gray" variant="light">
                {t('program.archivedExercise')}
              </Badge>
            ) : null}
          </Group>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="default"
              aria-label={t('program.moveUp', { title })}
              disabled={index === 0}
              onClick={() => onMove(-1)}
              data-move="up"
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={t('program.moveDown', { title })}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              data-move="down"
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="light"
              color="red"
              aria-label={t('program.remove', { title })}
              onClick={onRemove}
            >
              ×
            </ActionIcon>
          </Group>
        </Group>
        {at('exerciseId') ? (
          <Text c="red" size="sm" role="alert">
            {at('exerciseId')}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          {itemNumbers.map((name) => (
            <TextInput
              key={name}
              size="xs"
              label={t(`dosage.${name}`)}
              inputMode="numeric"
              value={item[name]}
              onChange={(event) => set(name, event.currentTarget.value)}
              error={at(name)}
            />
          ))}
          <NativeSelect
            size="xs"
            label={t('dosage.side')}
            value={item.side}
            onChange={(event) => set('side', event.currentTarget.value as DraftItem['side'])}
            data={[
              { value: '', label: t('dosage.sideAny') },
              ...sides.map((side) => ({ value: side, label: vocab('side', side) })),
            ]}
            error={at('side')}
          />
          <TextInput
            size="xs"
            label={t('dosage.load')}
            placeholder={t('dosage.loadPlaceholder')}
            value={item.load}
            onChange={(event) => set('load', event.currentTarget.value)}
            error={at('load')}
          />
        </SimpleGrid>
        <Textarea
          size="xs"
          label={t('dosage.notes')}
          autosize
          minRows={1}
          value={item.notes}
          onChange={(event) => set('notes', event.currentTarget.value)}
          error={at('notes')}
        />
      </Stack>
    </Card>
  );
}

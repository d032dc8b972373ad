import { ActionIcon, Button, Fieldset, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { emptyItem, type ItemValues, move } from './customMeasureForm.js';
import { GroupError } from './GroupError.js';

/** Answers the problem to show at an editor place (see placeOfProblem), if there is one. */
export type ProblemAt = (place: string) => string | undefined;

/** The items of a custom measure: add, remove, reorder, each with its texts and answer range. */
export function ItemsFieldset(props: {
  items: ItemValues[];
  onChange: (items: ItemValues[]) => void;
  at: ProblemAt;
}) {
  const { items, onChange, at } = props;
  const { t } = useTranslation('outcomes');
  const update = (key: string, change: Partial<ItemValues>) =>
    onChange(items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  return (
    <Fieldset
      legend={t('editor.items')}
      aria-describedby={at('items') ? 'items-error' : undefined}
      data-testid="measure-items"
    >
      <Stack gap="md">
        <GroupError id="items-error">{at('items')}</GroupError>
        {items.map((item, index) => (
          <ItemRow
            key={item.key}
            item={item}
            number={index + 1}
            count={items.length}
            onChange={(change) => update(item.key, change)}
            onMove={(by) => onChange(move(items, index, by))}
            onRemove={() => onChange(items.filter((other) => other.key !== item.key))}
            at={at}
          />
        ))}
        <Group>
          <Button variant="default" onClick={() => onChange([...items, emptyItem()])}>
            {t('editor.addItem')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function ItemRow(props: {
  item: ItemValues;
  number: number;
  count: number;
  onChange: (change: Partial<ItemValues>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  at: ProblemAt;
}) {
  const { item, number, count, onChange, onMove, onRemove, at } = props;
  const { t } = useTranslation('outcomes');
  const place = `item:${item.key}`;
  const errorId = `${item.key}-error`;
  return (
    <Fieldset
      legend={t('editor.itemLegend', { number })}
      aria-describedby={at(place) ? errorId : undefined}
      data-testid="measure-item"
    >
      <Stack gap="xs">
        <GroupError id={errorId}>{at(place)}</GroupError>
        <TextInput
          label={t('editor.itemText', { number })}
          value={item.textEn}
          onChange={(event) => onChange({ textEn: event.currentTarget.value })}
          error={at(`${place}.text.en`)}
        />
        <TextInput
          label={t('editor.itemTextDe', { number })}
          value={item.textDe}
          onChange={(event) => onChange({ textDe: event.currentTarget.value })}
          error={at(`${place}.text.de`)}
        />
        <Group justify="space-between" align="flex-end">
          <SimpleGrid cols={2} spacing="sm" maw={560}>
            <TextInput
              label={t('editor.itemMin', { number })}
              inputMode="numeric"
              value={item.min}
              onChange={(event) => onChange({ min: event.currentTarget.value })}
              error={at(`${place}.min`)}
            />
            <TextInput
              label={t('editor.itemMax', { number })}
              inputMode="numeric"
              value={item.max}
              onChange={(event) => onChange({ max: event.currentTarget.value })}
              error={at(`${place}.max`)}
            />
          </SimpleGrid>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('editor.moveUp', { number })}
              disabled={number === 1}
              onClick={() => onMove(-1)}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('editor.moveDown', { number })}
              disabled={number === count}
              onClick={() => onMove(1)}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="light"
              color="red"
              size="lg"
              aria-label={t('editor.removeItem', { number })}
              // The server refuses a measure without items; keep the last one to type into.
              disabled={count === 1}
              onClick={onRemove}
            >
              ×
            </ActionIcon>
          </Group>
        </Group>
      </Stack>
    </Fieldset>
  );
}

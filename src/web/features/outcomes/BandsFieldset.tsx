import { ActionIcon, Button, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type BandProblem, type BandValues, emptyBand } from './customMeasureForm.js';
import { GroupError } from './GroupError.js';
import type { ProblemAt } from './ItemsFieldset.js';
import { formatTotal } from './measureText.js';

/**
 * The optional bands of a custom measure, each checked live against the score range and the band
 * before it; the server's problem, when there is one, is shown instead (it is the judge).
 */
export function BandsFieldset(props: {
  bands: BandValues[];
  onChange: (bands: BandValues[]) => void;
  live: Map<string, BandProblem>;
  at: ProblemAt;
}) {
  const { bands, onChange, live, at } = props;
  const { t, i18n } = useTranslation('outcomes');
  const locale = i18n.resolvedLanguage ?? 'en';
  const liveText = (problem: BandProblem | undefined) => {
    if (!problem) return undefined;
    if (problem.key !== 'bandRange') return t(`measureErrors.${problem.key}`);
    return t('measureErrors.bandRange', {
      min: formatTotal(problem.min, locale),
      max: formatTotal(problem.max, locale),
    });
  };
  const update = (key: string, change: Partial<BandValues>) =>
    onChange(bands.map((band) => (band.key === key ? { ...band, ...change } : band)));
  return (
    <Fieldset
      legend={t('editor.bands')}
      aria-describedby={at('bands') ? 'bands-hint bands-error' : 'bands-hint'}
      data-testid="measure-bands"
    >
      <Stack gap="md">
        <Text id="bands-hint" size="sm" c="gray.7">
          {t('editor.bandsHint')}
        </Text>
        <GroupError id="bands-error">{at('bands')}</GroupError>
        {bands.map((band, index) => {
          const number = index + 1;
          const place = `band:${band.key}`;
          const errorId = `${band.key}-error`;
          const problem = at(place) ?? liveText(live.get(band.key));
          return (
            <Fieldset
              key={band.key}
              legend={t('editor.bandLegend', { number })}
              aria-describedby={problem ? errorId : undefined}
              data-testid="measure-band"
            >
              <Stack gap="xs">
                <GroupError id={errorId}>{problem}</GroupError>
                <Group align="flex-end" justify="space-between">
                  <SimpleGrid cols={2} spacing="sm" maw={320}>
                    <TextInput
                      label={t('editor.bandFrom', { number })}
                      inputMode="decimal"
                      value={band.from}
                      onChange={(event) => update(band.key, { from: event.currentTarget.value })}
                      error={at(`${place}.from`)}
                    />
                    <TextInput
                      label={t('editor.bandTo', { number })}
                      inputMode="decimal"
                      value={band.to}
                      onChange={(event) => update(band.key, { to: event.currentTarget.value })}
                      error={at(`${place}.to`)}
                    />
                  </SimpleGrid>
                  <ActionIcon
                    variant="light"
                    color="red"
                    size="lg"
                    aria-label={t('editor.removeBand', { number })}
                    onClick={() => onChange(bands.filter((other) => other.key !== band.key))}
                  >
                    ×
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    label={t('editor.bandLabel', { number })}
                    value={band.labelEn}
                    onChange={(event) => update(band.key, { labelEn: event.currentTarget.value })}
                    error={at(`${place}.label.en`)}
                  />
                  <TextInput
                    label={t('editor.bandLabelDe', { number })}
                    value={band.labelDe}
                    onChange={(event) => update(band.key, { labelDe: event.currentTarget.value })}
                    error={at(`${place}.label.de`)}
                  />
                </SimpleGrid>
              </Stack>
            </Fieldset>
          );
        })}
        <Group>
          <Button
            variant="default"
            // The server takes at most ten bands.
            disabled={bands.length >= 10}
            onClick={() => onChange([...bands, emptyBand(bands)])}
          >
            {t('editor.addBand')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

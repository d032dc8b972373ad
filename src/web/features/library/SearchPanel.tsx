import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { useClinicalErrors } from '../clients/errors.js';
import {
  type ExerciseSummary,
  libraryKeys,
  useExerciseFilters,
  useExerciseSearch,
  useRecentSearches,
} from './libraryApi.js';
import {
  type ExerciseSearch,
  emptySearch,
  type FilterName,
  filterNames,
  searchFromRecent,
} from './searchParams.js';
import { useVocab, type VocabKind } from './vocab.js';

const PAGE = 10;
const MAX_PAGE = 50;

// Each filter, the vocabulary list it takes its values from, and how its codes are translated.
const filterSources: Record<
  FilterName,
  { list: 'bodyRegions' | 'equipment' | 'positions' | 'difficulties'; kind: VocabKind }
> = {
  bodyRegion: { list: 'bodyRegions', kind: 'bodyRegion' },
  equipment: { list: 'equipment', kind: 'equipment' },
  position: { list: 'positions', kind: 'position' },
  difficulty: { list: 'difficulties', kind: 'difficulty' },
};

interface SearchPanelProps {
  /** What each result offers (add to a program, edit a custom exercise). */
  action?: (exercise: ExerciseSummary) => ReactNode;
  /** Heading level of the panel's title. */
  headingOrder?: 2 | 3;
  title: string;
}

/** Searches the library and the practice's exercises: free text (typos corrected), filters, recent searches. */
export function SearchPanel({ action, headingOrder = 2, title }: SearchPanelProps) {
  const { t, i18n } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const vocab = useVocab();
  const queryClient = useQueryClient();
  const uiLanguage = i18n.resolvedLanguage === 'de' ? 'de' : 'en';
  const [draft, setDraft] = useState<ExerciseSearch>(() => emptySearch(uiLanguage, PAGE));
  const [search, setSearch] = useState<ExerciseSearch>(draft);
  const filters = useExerciseFilters();
  const recent = useRecentSearches();
  const results = useExerciseSearch(search);

  const run = (next: ExerciseSearch) => {
    setDraft(next);
    setSearch({ ...next, limit: PAGE, offset: 0 });
  };
  // The server records each search as it answers it: refresh the recent ones after every answer.
  useEffect(() => {
    if (results.dataUpdatedAt > 0) void queryClient.invalidateQueries({ queryKey: libraryKeys.recent });
  }, [results.dataUpdatedAt, queryClient]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(draft);
  };
  const list = results.data;

  return (
    <Stack gap="sm" data-testid="library-search">
      <Title order={headingOrder} size="h4">
        {title}
      </Title>
      <form onSubmit={submit} aria-label={title}>
        <Stack gap="xs">
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              type="search"
              label={t('library.search')}
              placeholder={t('library.searchPlaceholder')}
              value={draft.q}
              onChange={(event) => setDraft({ ...draft, q: event.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <Button type="submit">{t('library.searchButton')}</Button>
          </Group>
          <SimpleGrid cols={{ base: 2, md: 3 }} spacing="xs">
            {filterNames.map((name) => (
              <NativeSelect
                key={name}
                size="xs"
                label={t(`library.${name}`)}
                value={draft[name]}
                onChange={(event) => run({ ...draft, [name]: event.currentTarget.value })}
                data={[
                  { value: '', label: t('library.any') },
                  ...(filters.data?.[filterSources[name].list] ?? []).map((code) => ({
                    value: code,
                    label: vocab(filterSources[name].kind, code),
                  })),
                ]}
              />
            ))}
            <NativeSelect
              size="xs"
              label={t('library.language')}
              value={draft.lang}
              onChange={(event) => run({ ...draft, lang: event.currentTarget.value as 'en' | 'de' })}
              data={[
                { value: 'en', label: t('vocab.language.en') },
                { value: 'de', label: t('vocab.language.de') },
              ]}
            />
          </SimpleGrid>
        </Stack>
      </form>
      {recent.data && recent.data.length > 0 ? (
        <Group gap={6} aria-label={t('library.recent')} role="group">
          <Text size="xs" c="dimmed">
            {t('library.recent')}:
          </Text>
          {recent.data.slice(0, 6).map((item) => (
            <Button
              key={item.at}
              size="compact-xs"
              variant="light"
              onClick={() => run(searchFromRecent(item, draft))}
            >
              {item.q || t('library.recentEmpty')}
            </Button>
          ))}
        </Group>
      ) : null}
      {results.isError ? <FormError>{errors.message(results.error)}</FormError> : null}
      {list?.correctedQuery ? (
        <Text size="sm" data-testid="corrected-query">
          {t('library.corrected', { query: list.correctedQuery })}
        </Text>
      ) : null}
      {results.isPending ? (
        <Skeleton h={160} />
      ) : list && list.items.length === 0 ? (
        <Text c="dimmed">{t('library.noResults')}</Text>
      ) : list ? (
        <Stack gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('library.results', { count: list.total })}
            {list.totalCapped ? ` ${t('library.resultsCapped')}` : ''}
          </Text>
          <Stack gap="xs" role="list" aria-label={t('library.resultsLabel')}>
            {list.items.map((exercise) => (
              <Card key={exercise.id} withBorder padding="sm" role="listitem" data-testid="exercise-result">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={4} style={{ minWidth: 0 }}>
                    <Text fw={600}>{exercise.title}</Text>
                    <Group gap={4}>
                      <Badge size="xs" variant="light">
                        {vocab('bodyRegion', exercise.bodyRegion)}
                      </Badge>
                      <Badge size="xs" variant="outline" color="gray">
                        {vocab('difficulty', exercise.difficulty)}
                      </Badge>
                      {exercise.source === 'practice' ? (
                        <Badge size="xs" color="grape" variant="light">
                          {t('library.practiceBadge')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="sm" c="dimmed" lineClamp={2}>
                      {exercise.description}
                    </Text>
                  </Stack>
                  {action ? <div style={{ flexShrink: 0 }}>{action(exercise)}</div> : null}
                </Group>
              </Card>
            ))}
          </Stack>
          {list.items.length < list.total && search.limit < MAX_PAGE ? (
            <Group>
              <Button
                variant="subtle"
                loading={results.isFetching}
                onClick={() => setSearch({ ...search, limit: Math.min(MAX_PAGE, search.limit + PAGE) })}
              >
                {t('library.more')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

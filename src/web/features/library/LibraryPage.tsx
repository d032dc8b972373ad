import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { SearchPanel } from './SearchPanel.js';

/** The exercise library: search and browse; the practice's own exercises can be edited from here. */
export function LibraryPage() {
  const { t } = useTranslation('clinical');
  const { t: tOutcomes } = useTranslation('outcomes');
  useDocumentTitle(t('library.title'));
  return (
    <ClinicalGate title={t('library.title')}>
      <Stack gap="lg" maw={900} data-testid="page-library">
        <Group justify="space-between">
          <Title order={1}>{t('library.title')}</Title>
          <Group gap="sm">
            <Button component={Link} to="/outcome-measures" variant="default">
              {tOutcomes('measures.library')}
            </Button>
            <Button component={Link} to="/library/exercises/new">
              {t('library.newExercise')}
            </Button>
          </Group>
        </Group>
        <Text c="dimmed">{t('library.intro')}</Text>
        <SearchPanel
          title={t('library.search')}
          action={(exercise) =>
            exercise.source === 'practice' ? (
              <Button
                component={Link}
                to={`/library/exercises/${exercise.id}`}
                size="xs"
                variant="default"
                aria-label={`${t('library.edit')}: ${exercise.title}`}
              >
                {t('library.edit')}
              </Button>
            ) : null
          }
        />
      </Stack>
    </ClinicalGate>
  );
}

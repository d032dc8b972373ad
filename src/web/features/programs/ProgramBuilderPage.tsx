import { Anchor, Button, Grid, Skeleton, Stack, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { clientName } from '../clients/clientForm.js';
import { useClient } from '../clients/clientsApi.js';
import { useClinicalErrors } from '../clients/errors.js';
import type { ExerciseSummary } from '../library/libraryApi.js';
import { SearchPanel } from '../library/SearchPanel.js';
import { ProgramEditor } from './ProgramEditor.js';
import { draftFromProgram, itemFromExercise } from './programDraft.js';
import { type ProgramWithCode, useCurrentProgram } from './programsApi.js';

/** `/clients/:id/program`: the client's program, built from the library. */
export function ProgramBuilderPage() {
  const { t } = useTranslation('clinical');
  const { id = '' } = useParams();
  return (
    <ClinicalGate title={t('program.titleFallback')}>
      <ProgramBuilder clientId={id} />
    </ClinicalGate>
  );
}

function ProgramBuilder({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const lang = i18n.resolvedLanguage === 'de' ? 'de' : 'en';
  const client = useClient(clientId);
  const current = useCurrentProgram(clientId, lang);
  const name = client.data ? clientName(client.data) : undefined;
  const title = name ? t('program.title', { name }) : t('program.titleFallback');
  useDocumentTitle(title);

  return (
    <Stack gap="md" data-testid="page-program-builder">
      <Anchor component={Link} to={`/clients/${clientId}`} size="sm">
        {t('program.backToClient')}
      </Anchor>
      <Title order={1}>{title}</Title>
      {client.isError ? <FormError>{errors.message(client.error)}</FormError> : null}
      {current.isError ? <FormError>{errors.message(current.error)}</FormError> : null}
      {current.isPending ? (
        <Skeleton h={320} />
      ) : current.isSuccess ? (
        <LoadedBuilder clientId={clientId} lang={lang} saved={current.data} />
      ) : null}
    </Stack>
  );
}

/** The editor beside the library; an exercise added from the search lands at the end of the program. */
function LoadedBuilder({
  clientId,
  lang,
  saved,
}: {
  clientId: string;
  lang: 'en' | 'de';
  saved: ProgramWithCode | null;
}) {
  const { t } = useTranslation('clinical');
  const [draft, setDraft] = useState(() => draftFromProgram(saved?.program ?? null));
  const [announcement, setAnnouncement] = useState('');
  const inProgram = new Set(draft.items.map((item) => item.exerciseId));

  const add = (exercise: ExerciseSummary) => {
    setDraft((current) => ({ ...current, items: [...current.items, itemFromExercise(exercise)] }));
    setAnnouncement(
      t('program.addedAnnouncement', { title: exercise.title, number: draft.items.length + 1 }),
    );
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <ProgramEditor
          clientId={clientId}
          lang={lang}
          saved={saved}
          draft={draft}
          onDraftChange={setDraft}
          announce={setAnnouncement}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <SearchPanel
          title={t('program.library')}
          action={(exercise) => (
            <Button
              size="xs"
              variant={inProgram.has(exercise.id) ? 'light' : 'filled'}
              aria-label={t('library.addNamed', { title: exercise.title })}
              onClick={() => add(exercise)}
            >
              {inProgram.has(exercise.id) ? t('library.added') : t('library.add')}
            </Button>
          )}
        />
      </Grid.Col>
      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
    </Grid>
  );
}

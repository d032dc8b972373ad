import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PageLoader } from '../../../ui/PageLoader.js';
import { useDocumentTitle } from '../../../ui/useDocumentTitle.js';
import { doneAsPrescribed } from '../logEntry.js';
import { prefetchMedia } from '../offlineData.js';
import { addToOutbox, useOutbox } from '../outbox.js';
import { PasskeyOffer } from '../passkey/PasskeyOffer.js';
import { QuestionnaireCard } from '../questionnaires/QuestionnaireCard.js';
import { getSession } from '../session.js';
import { planToday, type TodayItem } from '../todayView.js';
import { useOnline } from '../useNetwork.js';
import { useProgram } from '../useProgram.js';
import { ExerciseCard } from './ExerciseCard.js';
import { SyncStatus } from './SyncStatus.js';

/** The start screen once signed in: what is due today, then the rest, then the reading. */
export function TodayPage() {
  const { t, i18n } = useTranslation('patient');
  useDocumentTitle(t('today.title'));
  const { today, data, isPending, isError, refetch } = useProgram();
  const { entries } = useOutbox();
  const online = useOnline();
  // A log saved on the exercise screen is confirmed here, where the person lands after saving.
  const location = useLocation();
  const [saved, setSaved] = useState<string | undefined>(
    (location.state as { saved?: string } | null)?.saved,
  );

  const program = data?.program;
  const plan = useMemo(
    () =>
      program && data
        ? planToday(
            program.items,
            data.date,
            today,
            entries.filter((entry) => entry.state === 'pending'),
          )
        : { due: [], rest: [] },
    [program, data, today, entries],
  );

  useEffect(() => {
    if (program) void prefetchMedia(program.items.flatMap((item) => item.exercise.media.map((m) => m.id)));
  }, [program]);

  if (isPending) return <PageLoader />;
  if (isError || !data)
    return (
      <Stack gap="md">
        <SyncStatus />
        <Alert color="red" variant="light" role="alert">
          {t('today.unavailable')}
        </Alert>
        <Button onClick={() => void refetch()}>{t('today.retry')}</Button>
      </Stack>
    );

  const doneAll = async (entry: TodayItem) => {
    await addToOutbox([doneAsPrescribed(entry.item, today)]);
    const title = entry.item.exercise.title;
    setSaved(navigator.onLine ? t('today.saved', { title }) : t('today.savedOffline', { title }));
  };
  const dateLabel = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(
    new Date(`${today}T12:00:00`),
  );
  const firstName = data.client.firstName || getSession()?.firstName || '';

  return (
    <Stack gap="lg" data-testid="patient-today">
      <Stack gap={2}>
        <Title order={1}>{t('today.greeting', { name: firstName })}</Title>
        <Text c="gray.7">{dateLabel}</Text>
      </Stack>
      {data.fromOfflineCopy && !online && data.date !== today && (
        <Text size="sm" c="gray.7">
          {t('today.offlineCopy', { date: data.date })}
        </Text>
      )}
      <SyncStatus />
      <PasskeyOffer />
      <QuestionnaireCard />
      <div role="status" aria-live="polite" data-testid="log-saved">
        {saved && (
          <Alert color="teal" variant="light">
            {saved}
          </Alert>
        )}
      </div>
      {!program ? (
        <Paper p="lg" radius="md" withBorder>
          <Text>{t('today.noProgram')}</Text>
        </Paper>
      ) : (
        <>
          {program.note && (
            <Paper p="md" radius="md" withBorder bg="teal.0">
              <Title order={2} size="h5">
                {t('today.note')}
              </Title>
              <Text style={{ whiteSpace: 'pre-line' }}>{program.note}</Text>
            </Paper>
          )}
          <Section title={t('today.due')} testId="due-today">
            {plan.due.length === 0 ? (
              <Text>{t('today.allDone')}</Text>
            ) : (
              <ItemList entries={plan.due} onDoneAll={doneAll} />
            )}
          </Section>
          {plan.rest.length > 0 && (
            <Section title={t('today.rest')} testId="rest-of-program">
              <ItemList entries={plan.rest} onDoneAll={doneAll} />
            </Section>
          )}
          {program.education.length > 0 && (
            <Section title={t('today.reading')} testId="reading">
              <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {program.education.map((article) => (
                  <Paper component="li" key={article.id} p="md" radius="md" withBorder>
                    <Anchor component={Link} to={`/articles/${article.id}`} fw={600}>
                      {article.title}
                    </Anchor>
                    <Text size="sm">{article.summary}</Text>
                    <Text size="xs" c="gray.7">
                      {t('today.readingMinutes', { count: article.readingMinutes })}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            </Section>
          )}
        </>
      )}
    </Stack>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <Stack component="section" gap="sm" aria-label={title} data-testid={testId}>
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function ItemList({ entries, onDoneAll }: { entries: TodayItem[]; onDoneAll(entry: TodayItem): void }) {
  return (
    <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {entries.map((entry) => (
        <ExerciseCard key={entry.item.id} entry={entry} onDoneAll={() => onDoneAll(entry)} />
      ))}
    </Stack>
  );
}

import { Alert, Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { useOnline } from '../useNetwork.js';
import { clearDraft, loadDraft, saveDraft } from './draft.js';
import { answers, answersToSend, needsSafetyMessage, resumeAt, stepsOf } from './flow.js';
import { QuestionStep } from './QuestionStep.js';
import { type DueQuestionnaire, questionnaireKeys, submitQuestionnaire } from './questionnairesApi.js';
import { ReviewStep } from './ReviewStep.js';

/**
 * A due questionnaire one question per screen, then a review and sending. Every answer is kept on
 * the phone at once, so the flow continues where the client stopped after the app was closed.
 */
export function QuestionnaireFlow(props: {
  due: DueQuestionnaire;
  onSubmitted: (result: { safety: boolean }) => void;
}) {
  const { due, onSubmitted } = props;
  const { t } = useTranslation('patient');
  const online = useOnline();
  const queryClient = useQueryClient();
  const steps = useMemo(() => stepsOf(due), [due]);
  const [draft] = useState(() => loadDraft(due.assignmentId));
  const [values, setValues] = useState<(number | null)[]>(draft?.values ?? []);
  // Back where the client left: the screen they were on, but never past a question still open.
  const [at, setAt] = useState(() => Math.min(draft?.step ?? 0, resumeAt(steps, draft?.values ?? [])));
  useEffect(() => {
    saveDraft(due.assignmentId, { values, step: at });
  }, [due.assignmentId, values, at]);

  const send = useMutation({
    mutationFn: () =>
      submitQuestionnaire({ measure: due.measure.measure, answers: answersToSend(steps, values) }),
    onSuccess: async () => {
      clearDraft(due.assignmentId);
      onSubmitted({ safety: needsSafetyMessage(due.measure.measure, values) });
      await queryClient.invalidateQueries({ queryKey: questionnaireKeys.due });
    },
    onError: (error) => {
      // The server names an answer it refused: back to that question.
      if (!(error instanceof ApiError)) return;
      const field = error.details.map((detail) => /^answers\[(\d+)\]$/.exec(detail.field)?.[1]).find(Boolean);
      if (field !== undefined) setAt(Number(field));
    },
  });

  const step = steps[at];
  const reviewing = at >= steps.length;
  const value = step ? (values[step.index] ?? null) : null;
  const setValue = (next: number | null) => {
    if (!step) return;
    setValues((current) => {
      const copy = [...current];
      while (copy.length < steps.length) copy.push(null);
      copy[step.index] = next;
      return copy;
    });
    send.reset();
  };
  const canGoOn = step ? !step.required || answers(step, value) : true;
  const failure = send.error
    ? send.error instanceof ApiError && send.error.code === 'network_error'
      ? t('questionnaires.offline')
      : send.error instanceof ApiError && send.error.code === 'not_due'
        ? t('questionnaires.notDue')
        : t('questionnaires.failed')
    : undefined;

  return (
    <Stack gap="lg" data-testid="questionnaire" data-step={reviewing ? 'review' : at + 1}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {due.measure.name}
        </Title>
        {reviewing ? null : (
          <>
            <Text c="gray.7" data-testid="questionnaire-progress">
              {t('questionnaires.progress', { current: at + 1, total: steps.length })}
            </Text>
            <Progress
              value={(100 * at) / steps.length}
              aria-label={t('questionnaires.progress', { current: at + 1, total: steps.length })}
            />
          </>
        )}
      </Stack>
      {step ? (
        <Stack gap="sm">
          {due.measure.instructions && !due.activities ? (
            <Text c="gray.7">{due.measure.instructions}</Text>
          ) : null}
          {due.activities ? <Text c="gray.7">{t('questionnaires.psfsIntro')}</Text> : null}
          {step.preamble ? <Text fw={600}>{step.preamble}</Text> : null}
          <QuestionStep key={step.index} step={step} value={value} onChange={setValue} />
          {step.required ? null : (
            <Text size="sm" c="gray.7">
              {t('questionnaires.optional')}
            </Text>
          )}
        </Stack>
      ) : (
        <ReviewStep steps={steps} values={values} onChange={setAt} />
      )}
      {!online ? (
        <Alert color="yellow" variant="light" role="status">
          {t('questionnaires.offline')}
        </Alert>
      ) : null}
      {failure ? (
        <Alert color="red" variant="light" role="alert">
          {failure}
        </Alert>
      ) : null}
      <Group grow>
        <Button variant="default" size="md" disabled={at === 0} onClick={() => setAt(at - 1)}>
          {t('questionnaires.back')}
        </Button>
        {reviewing ? (
          <Button size="md" loading={send.isPending} disabled={!online} onClick={() => send.mutate()}>
            {t('questionnaires.review.submit')}
          </Button>
        ) : (
          <Button size="md" disabled={!canGoOn} onClick={() => setAt(at + 1)}>
            {t('questionnaires.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../../ui/PageLoader.js';
import { useDocumentTitle } from '../../../ui/useDocumentTitle.js';
import { useOnline } from '../useNetwork.js';
import { QuestionnaireFlow } from './QuestionnaireFlow.js';
import { useDueQuestionnaires } from './questionnairesApi.js';
import { ThankYou } from './ThankYou.js';

/** `/questionnaires/:assignmentId`: a due questionnaire, answered one question at a time. */
export default function QuestionnairePage() {
  const { t } = useTranslation('patient');
  const { assignmentId = '' } = useParams();
  const due = useDueQuestionnaires();
  const online = useOnline();
  const [sent, setSent] = useState<{ safety: boolean }>();
  const questionnaire = due.data?.find((item) => item.assignmentId === assignmentId);
  useDocumentTitle(questionnaire?.measure.name ?? t('questionnaires.title'));

  // Kept once sent: the answered questionnaire is no longer due, and the list reloads without it.
  if (sent) return <ThankYou safety={sent.safety} />;
  if (due.isPending) return <PageLoader />;
  if (due.isError)
    return (
      <Stack gap="md">
        <Alert color={online ? 'red' : 'yellow'} variant="light" role="alert">
          {online ? t('questionnaires.unavailable') : t('questionnaires.needsConnection')}
        </Alert>
        <Button onClick={() => void due.refetch()}>{t('questionnaires.retry')}</Button>
      </Stack>
    );
  if (!questionnaire)
    return (
      <Stack gap="md" data-testid="questionnaire-not-due">
        <Text>{t('questionnaires.notDue')}</Text>
        <Button component={Link} to="/" variant="light">
          {t('questionnaires.backToToday')}
        </Button>
      </Stack>
    );
  return <QuestionnaireFlow key={questionnaire.assignmentId} due={questionnaire} onSubmitted={setSent} />;
}

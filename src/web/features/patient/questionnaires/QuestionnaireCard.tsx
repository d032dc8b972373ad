import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { loadDraft } from './draft.js';
import { useDueQuestionnaires } from './questionnairesApi.js';

/** On the today screen: the questionnaires due now, each linked to its flow ("Continue" once begun). */
export function QuestionnaireCard() {
  const { t } = useTranslation('patient');
  // Offline or failing, the card stays away: today's program must show regardless.
  const due = useDueQuestionnaires().data ?? [];
  if (due.length === 0) return null;
  return (
    <Paper
      component="section"
      p="md"
      radius="md"
      withBorder
      bg="blue.0"
      aria-labelledby="questionnaires-title"
      data-testid="questionnaires-due"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="questionnaires-title">
          {t('questionnaires.card.title', { count: due.length })}
        </Title>
        <Text size="sm">{t('questionnaires.card.hint')}</Text>
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {due.map((item) => {
            const begun = loadDraft(item.assignmentId) !== undefined;
            const name = item.measure.name;
            return (
              <Stack component="li" key={item.assignmentId} gap={6}>
                <Text fw={600}>{name}</Text>
                <Button
                  component={Link}
                  to={`/questionnaires/${item.assignmentId}`}
                  size="md"
                  fullWidth
                  aria-label={t(
                    begun ? 'questionnaires.card.continueLabel' : 'questionnaires.card.startLabel',
                    {
                      name,
                    },
                  )}
                >
                  {begun ? t('questionnaires.card.continue') : t('questionnaires.card.start')}
                </Button>
              </Stack>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}

import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * After sending: thanks, and no score (a questionnaire is not a test, and PHQ-9 or GAD-7 numbers
 * need a clinician to explain them). After a PHQ-9 answering item 9 above 0, a calm note on where to
 * get help now, without naming any condition.
 */
export function ThankYou({ safety }: { safety: boolean }) {
  const { t } = useTranslation('patient');
  return (
    <Stack gap="md" data-testid="questionnaire-thanks">
      <Paper p="lg" radius="lg" withBorder>
        <Stack gap="sm">
          <Title order={1} size="h2">
            {t('questionnaires.thanks.title')}
          </Title>
          <Text>{t('questionnaires.thanks.body')}</Text>
        </Stack>
      </Paper>
      {safety ? (
        <Alert
          color="blue"
          variant="light"
          title={t('questionnaires.safety.title')}
          data-testid="safety-message"
        >
          <Stack gap="xs">
            <Text>{t('questionnaires.safety.emergency')}</Text>
            <Text>{t('questionnaires.safety.talk')}</Text>
          </Stack>
        </Alert>
      ) : null}
      <Button component={Link} to="/" size="md" variant="light">
        {t('questionnaires.backToToday')}
      </Button>
    </Stack>
  );
}

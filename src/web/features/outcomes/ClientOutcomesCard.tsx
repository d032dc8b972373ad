import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAssignments } from './outcomesApi.js';

/** On the client's page: the way to their outcome measures, with how many are due now. */
export function ClientOutcomesCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation('outcomes');
  const due = useAssignments(clientId).data?.filter((assignment) => assignment.due).length ?? 0;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="client-outcomes-title">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={2} size="h4" id="client-outcomes-title">
            {t('card.title')}
          </Title>
          {due > 0 ? (
            <Badge color="blue" variant="light">
              {t('card.due', { count: due })}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">{t('card.hint')}</Text>
        <Group>
          <Button component={Link} to={`/clients/${clientId}/outcomes`} variant="light">
            {t('card.open')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

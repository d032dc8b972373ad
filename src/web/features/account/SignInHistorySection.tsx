import { Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Practitioner } from '../session/session.js';
import { useSignInAttempts } from './accountApi.js';
import { useErrorText } from './errors.js';
import { ErrorAlert } from './Feedback.js';
import { useDateFormat } from './format.js';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** How often and from where this account signed in, and the failed attempts on it. */
export function SignInHistorySection({ me }: { me: Practitioner }) {
  const { t } = useTranslation('account');
  const errors = useErrorText();
  const format = useDateFormat();
  const attempts = useSignInAttempts();
  const when = (at: string | null, ip: string | null) =>
    at
      ? t('history.atFrom', { date: format.dateTime(at), ip: ip ?? t('common.unknown') })
      : t('common.never');

  return (
    <Stack gap="lg" maw={720}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Fact label={t('history.count')} value={String(me.signInCount)} testId="sign-in-count" />
        <Fact label={t('history.current')} value={when(me.currentSignInAt, me.currentSignInIp)} />
        <Fact label={t('history.last')} value={when(me.lastSignInAt, me.lastSignInIp)} />
      </SimpleGrid>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('history.failedTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('history.failedIntro')}
        </Text>
        {attempts.isPending && <Skeleton h={60} />}
        <ErrorAlert>{attempts.isError && errors.message(attempts.error)}</ErrorAlert>
        {attempts.isSuccess && attempts.data.length === 0 && <Text>{t('history.noFailures')}</Text>}
        {attempts.isSuccess && attempts.data.length > 0 && (
          <Table striped withTableBorder data-testid="failed-attempts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('history.time')}</Table.Th>
                <Table.Th>{t('history.ipAddress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attempts.data.map((attempt, index) => (
                // Two attempts can share a second and an address; the position keeps keys unique.
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id and never reorder in place.
                <Table.Tr key={`${attempt.at}-${index}`}>
                  <Table.Td>{format.dateTime(attempt.at)}</Table.Td>
                  <Table.Td>{attempt.ip ?? t('common.unknown')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}

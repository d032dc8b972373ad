import { Alert, Card, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { useDateFormat } from '../account/format.js';
import { useClinicalErrors } from '../clients/errors.js';
import { ChangeText } from './ChangeText.js';
import { bandLabel, formatTotal, subscaleLabel } from './measureText.js';
import { type Measure, type OutcomeResponse, SELF_HARM_FLAG, useResponses } from './outcomesApi.js';
import { ScoreFlags } from './ScoreFlags.js';

/** Every response, newest first, with its score, band, change and flags; a self-harm flag heads it. */
export function HistorySection({ clientId, catalogue }: { clientId: string; catalogue: Measure[] }) {
  const { t } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  const when = useDateFormat();
  const responses = useResponses(clientId);
  const items = [...(responses.data ?? [])].reverse();
  const flagged = items.find((response) => response.score.flags.includes(SELF_HARM_FLAG));

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="history-title"
      data-testid="outcome-history"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="history-title">
          {t('history.title')}
        </Title>
        {flagged ? (
          <Alert
            color="red"
            variant="filled"
            title={t('history.selfHarmTitle')}
            data-testid="self-harm-alert"
          >
            {t('history.selfHarmBody', { name: flagged.name, date: when.dateTime(flagged.takenAt) })}
          </Alert>
        ) : null}
        {responses.isError ? <FormError>{errors.message(responses.error)}</FormError> : null}
        {responses.isPending ? (
          <Skeleton h={120} />
        ) : items.length === 0 ? (
          <Text c="gray.7">{t('history.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-labelledby="history-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('history.taken')}</Table.Th>
                  <Table.Th>{t('history.measure')}</Table.Th>
                  <Table.Th>{t('history.score')}</Table.Th>
                  <Table.Th>{t('history.change')}</Table.Th>
                  <Table.Th>{t('history.flags')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((response) => (
                  <HistoryRow key={response.id} response={response} catalogue={catalogue} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function HistoryRow({ response, catalogue }: { response: OutcomeResponse; catalogue: Measure[] }) {
  const { t, i18n } = useTranslation('outcomes');
  const when = useDateFormat();
  const locale = i18n.resolvedLanguage ?? 'en';
  const { score } = response;
  const subscales = Object.entries(score.subscales ?? {});
  return (
    <Table.Tr data-testid="outcome-response" data-measure={response.measure}>
      <Table.Td>
        <Text size="sm">{when.dateTime(response.takenAt)}</Text>
        <Text size="xs" c="gray.7">
          {t(`history.source.${response.source}`)}
        </Text>
      </Table.Td>
      <Table.Td>{response.name}</Table.Td>
      <Table.Td>
        <Text size="sm" fw={600} data-testid="response-total">
          {score.total === null ? '—' : formatTotal(score.total, locale)}
        </Text>
        {score.band ? (
          <Text size="sm" data-testid="response-band">
            {bandLabel(catalogue, response.measure, score.band)}
          </Text>
        ) : null}
        {subscales.map(([key, value]) => (
          <Text key={key} size="xs" c="gray.7">
            {subscaleLabel(catalogue, response.measure, key)}: {formatTotal(value, locale)}
          </Text>
        ))}
      </Table.Td>
      <Table.Td>
        <ChangeText change={response.change} />
      </Table.Td>
      <Table.Td>
        <ScoreFlags flags={score.flags} />
      </Table.Td>
    </Table.Tr>
  );
}

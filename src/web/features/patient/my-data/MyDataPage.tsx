import { Alert, Anchor, Button, List, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { PageLoader } from '../../../ui/PageLoader.js';
import { useDocumentTitle } from '../../../ui/useDocumentTitle.js';
import { useDateFormat } from '../../account/format.js';
import { useOnline } from '../useNetwork.js';
import {
  type CorrectableField,
  correctableFields,
  type RecordAccess,
  useRecordAccess,
  useRequestCorrection,
} from './myDataApi.js';

/** Who did it, in the client's words: a member by name and role, an integration by its key's name. */
function useWho() {
  const { t } = useTranslation('patient');
  return (who: RecordAccess['who']) => {
    if (who.type === 'api_key') return t('myData.who.apiKey', { name: who.name ?? '' });
    if (who.type === 'operator') return t('myData.who.operator');
    if (!who.name) return t('myData.who.formerMember');
    return who.role
      ? t('myData.who.member', { name: who.name, role: t(`myData.role.${who.role}`) })
      : who.name;
  };
}

/** The audit trail of the client's record: who of the practice opened or changed it, and when. */
function RecordAccessList() {
  const { t } = useTranslation('patient');
  const when = useDateFormat();
  const who = useWho();
  const access = useRecordAccess();
  const items = access.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper p="md" radius="md" withBorder component="section" aria-labelledby="access-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="access-heading">
          {t('myData.access.heading')}
        </Title>
        <Text size="sm">{t('myData.access.lead')}</Text>
        {access.isPending ? <PageLoader /> : null}
        {access.isError ? (
          <Alert color="yellow" variant="light" role="alert">
            {t('myData.access.loadFailed')}
          </Alert>
        ) : null}
        {access.isSuccess && items.length === 0 ? <Text size="sm">{t('myData.access.none')}</Text> : null}
        {items.length > 0 ? (
          <List spacing="xs" listStyleType="none" data-testid="record-access">
            {items.map((item, index) => (
              // Events have no id in this answer; their position in the newest-first list is stable.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <List.Item key={index} data-testid="record-access-item">
                <Text size="sm">
                  <Text span fw={600}>
                    {who(item.who)}
                  </Text>{' '}
                  {t(`myData.activity.${item.activity}`, { defaultValue: t('myData.activity.viewed_other') })}
                  {item.fields.length > 0
                    ? `: ${item.fields.map((field) => t(`myData.field.${field}`, { defaultValue: field })).join(', ')}`
                    : ''}
                </Text>
                <Text size="xs" component="time" dateTime={item.at}>
                  {when.dateTime(item.at)}
                </Text>
              </List.Item>
            ))}
          </List>
        ) : null}
        {access.hasNextPage ? (
          <Button
            variant="default"
            size="xs"
            loading={access.isFetchingNextPage}
            onClick={() => void access.fetchNextPage()}
          >
            {t('myData.access.more')}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Asks the practice to correct something in the record; it arrives in the conversation. */
function CorrectionForm() {
  const { t } = useTranslation('patient');
  const online = useOnline();
  const request = useRequestCorrection();
  const [field, setField] = useState<CorrectableField | null>(null);
  const [message, setMessage] = useState('');
  const problem = request.error instanceof ApiError ? request.error : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(
      { ...(field ? { field } : {}), message: message.trim() },
      {
        onSuccess: () => {
          setMessage('');
          setField(null);
        },
      },
    );
  };
  return (
    <Paper p="md" radius="md" withBorder component="section" aria-labelledby="correction-heading">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="correction-heading">
            {t('myData.correction.heading')}
          </Title>
          <Text size="sm">{t('myData.correction.lead')}</Text>
          <Select
            label={t('myData.correction.field')}
            placeholder={t('myData.correction.anyField')}
            clearable
            data={correctableFields.map((value) => ({ value, label: t(`myData.field.${value}`) }))}
            value={field}
            onChange={(value) => setField(value as CorrectableField | null)}
            data-testid="correction-field"
          />
          <Textarea
            label={t('myData.correction.message')}
            description={t('myData.correction.messageHint')}
            required
            autosize
            minRows={3}
            maxLength={4000}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            error={problem?.details.find((detail) => detail.field === 'message')?.message}
            data-testid="correction-message"
          />
          {request.isSuccess ? (
            <Alert color="teal" variant="light" role="status" data-testid="correction-sent">
              {t('myData.correction.sent')}
            </Alert>
          ) : null}
          {request.isError ? (
            <Alert color="red" variant="light" role="alert">
              {online ? t('myData.correction.failed') : t('myData.correction.offline')}
            </Alert>
          ) : null}
          <Button
            type="submit"
            loading={request.isPending}
            disabled={!online || message.trim() === ''}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('myData.correction.send')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** "My data": who opened the record, asking for a correction, and how the data is protected. */
export default function MyDataPage() {
  const { t } = useTranslation('patient');
  useDocumentTitle(t('myData.title'));
  return (
    <Stack gap="lg" data-testid="patient-my-data">
      <Title order={1}>{t('myData.title')}</Title>
      <Text>{t('myData.lead')}</Text>
      <RecordAccessList />
      <CorrectionForm />
      <Text size="sm">
        {/* The privacy page is the workspace's, outside the app's scope: a plain link, not the router's. */}
        <Anchor href="/privacy" target="_blank" rel="noopener" data-testid="privacy-link">
          {t('myData.privacyLink')}
        </Anchor>
      </Text>
    </Stack>
  );
}

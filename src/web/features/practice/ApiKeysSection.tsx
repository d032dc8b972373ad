import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { actionError } from '../account/errors.js';
import { ErrorAlert } from '../account/Feedback.js';
import { useDateFormat } from '../account/format.js';
import { ConfirmModal } from './ConfirmModal.js';
import { usePracticeErrorText } from './errors.js';
import { type ApiKey, type CreatedApiKey, practiceKeys, useApiKeys } from './practiceApi.js';

/** The key itself, shown once right after it was created. */
function NewKeyModal({ created, onClose }: { created: CreatedApiKey | undefined; onClose: () => void }) {
  const { t } = useTranslation('practice');
  return (
    <Modal
      opened={created !== undefined}
      onClose={onClose}
      title={t('apiKeys.createdTitle')}
      centered
      size="lg"
    >
      {created && (
        <Stack gap="md">
          <Alert color="yellow" variant="light" title={t('apiKeys.onceTitle')}>
            {t('apiKeys.onceBody')}
          </Alert>
          <Text size="sm">{t('apiKeys.createdName', { name: created.name })}</Text>
          <Code block fz="md" style={{ wordBreak: 'break-all' }} data-testid="new-api-key">
            {created.key}
          </Code>
          <Group justify="space-between">
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('common.copied') : t('apiKeys.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('apiKeys.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Owner: keys that let integrations use the API on the practice's behalf. */
export function ApiKeysSection() {
  const { t } = useTranslation('practice');
  const errors = usePracticeErrorText();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const keys = useApiKeys(true);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey>();
  const [revoking, setRevoking] = useState<ApiKey>();

  const create = useMutation({
    mutationFn: () => api<CreatedApiKey>('POST', '/api/v1/api-keys', { name: name.trim() }),
    onSuccess: async (answer) => {
      setName('');
      setCreated(answer);
      await queryClient.invalidateQueries({ queryKey: practiceKeys.apiKeys });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <Stack gap="md">
      <Text>{t('apiKeys.intro')}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm" maw={480}>
          <TextInput
            label={t('apiKeys.name')}
            description={t('apiKeys.nameHint')}
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.field(create.error, 'name')}
          />
          <ErrorAlert>{actionError(errors, create.error, ['name'])}</ErrorAlert>
          <Group>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {t('apiKeys.create')}
            </Button>
          </Group>
        </Stack>
      </form>

      {keys.isPending && <Skeleton h={60} />}
      <ErrorAlert>{keys.isError && errors.message(keys.error)}</ErrorAlert>
      {keys.isSuccess && keys.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('apiKeys.none')}
        </Text>
      )}
      {keys.isSuccess && keys.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder data-testid="api-keys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('apiKeys.name')}</Table.Th>
                <Table.Th>{t('apiKeys.key')}</Table.Th>
                <Table.Th>{t('apiKeys.created')}</Table.Th>
                <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
                <Table.Th>{t('apiKeys.createdBy')}</Table.Th>
                <Table.Th>{t('apiKeys.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((key) => (
                <Table.Tr key={key.id} data-testid="api-key-row">
                  <Table.Td>{key.name}</Table.Td>
                  <Table.Td>
                    <Code data-testid="api-key-prefix">{key.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{format.dateTime(key.createdAt)}</Table.Td>
                  <Table.Td>
                    {key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('apiKeys.neverUsed')}
                  </Table.Td>
                  <Table.Td>{key.createdBy?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="outline" color="red" onClick={() => setRevoking(key)}>
                      {t('apiKeys.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewKeyModal created={created} onClose={() => setCreated(undefined)} />
      <ConfirmModal
        opened={revoking !== undefined}
        title={t('apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        body={t('apiKeys.revokeBody')}
        confirmLabel={t('apiKeys.revoke')}
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (!revoking) return;
          await api('DELETE', `/api/v1/api-keys/${revoking.id}`);
          await queryClient.invalidateQueries({ queryKey: practiceKeys.apiKeys });
        }}
      />
    </Stack>
  );
}

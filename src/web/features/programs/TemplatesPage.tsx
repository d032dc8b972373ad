import { Button, Group, Modal, Skeleton, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { SuccessAlert } from '../account/Feedback.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { useClinicalErrors } from '../clients/errors.js';
import { ConfirmModal } from './ConfirmModal.js';
import { programKeys, type TemplateSummary, useTemplates } from './programsApi.js';

/** `/programs`: the practice's shared templates and the user's own: rename, share, delete. */
export function TemplatesPage() {
  const { t } = useTranslation('clinical');
  useDocumentTitle(t('templates.title'));
  return (
    <ClinicalGate title={t('templates.title')}>
      <TemplateList />
    </ClinicalGate>
  );
}

const templatePath = (id: string) => `/api/v1/program-templates/${encodeURIComponent(id)}`;

function TemplateList() {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const templates = useTemplates();
  const [renaming, setRenaming] = useState<TemplateSummary | null>(null);
  const [deleting, setDeleting] = useState<TemplateSummary | null>(null);
  const [notice, setNotice] = useState<string>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: programKeys.templates });
  const share = useMutation({
    mutationFn: (change: { id: string; shared: boolean }) =>
      api('PATCH', templatePath(change.id), { shared: change.shared }),
    onSettled: refresh,
  });

  return (
    <Stack gap="lg" data-testid="page-templates">
      <Title order={1}>{t('templates.title')}</Title>
      <Text c="dimmed">{t('templates.intro')}</Text>
      <SuccessAlert>{notice}</SuccessAlert>
      {templates.isError ? <FormError>{errors.message(templates.error)}</FormError> : null}
      <FormError>{share.isError ? errors.message(share.error) : undefined}</FormError>
      {templates.isPending ? (
        <Skeleton h={120} />
      ) : templates.data && templates.data.length === 0 ? (
        <Text c="dimmed">{t('templates.empty')}</Text>
      ) : templates.data ? (
        <Table aria-label={t('templates.listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('templates.name')}</Table.Th>
              <Table.Th>{t('templates.items')}</Table.Th>
              <Table.Th>{t('templates.owner')}</Table.Th>
              <Table.Th>{t('templates.shared')}</Table.Th>
              <Table.Th>{t('templates.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {templates.data.map((template) => (
              <Table.Tr key={template.id} data-testid="template-row">
                <Table.Td>{template.name}</Table.Td>
                <Table.Td>{template.itemCount}</Table.Td>
                <Table.Td>
                  {template.mine ? t('templates.you') : (template.owner?.name ?? t('templates.formerMember'))}
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t('templates.sharedNamed', { name: template.name })}
                    checked={template.shared}
                    disabled={!template.canEdit || share.isPending}
                    onChange={(event) =>
                      share.mutate({ id: template.id, shared: event.currentTarget.checked })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  {template.canEdit ? (
                    <Group gap="xs">
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('templates.renameNamed', { name: template.name })}
                        onClick={() => setRenaming(template)}
                      >
                        {t('templates.rename')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        aria-label={t('templates.deleteNamed', { name: template.name })}
                        onClick={() => setDeleting(template)}
                      >
                        {t('templates.delete')}
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <RenameModal
        template={renaming}
        onClose={() => setRenaming(null)}
        onRenamed={async () => {
          await refresh();
          setNotice(t('templates.renamed'));
        }}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('templates.deleteTitle')}
        body={t('templates.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('templates.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting) await api('DELETE', templatePath(deleting.id));
          await refresh();
          setNotice(t('templates.deleted'));
        }}
      />
    </Stack>
  );
}

function RenameModal(props: {
  template: TemplateSummary | null;
  onClose: () => void;
  onRenamed: () => Promise<void>;
}) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const [name, setName] = useState('');
  const rename = useMutation({
    mutationFn: (id: string) => api('PATCH', templatePath(id), { name }),
    onSuccess: async () => {
      await props.onRenamed();
      props.onClose();
    },
  });
  const { reset } = rename;
  useEffect(() => {
    setName(props.template?.name ?? '');
    reset();
  }, [props.template, reset]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.template) rename.mutate(props.template.id);
  };
  return (
    <Modal
      opened={props.template !== null}
      onClose={props.onClose}
      title={t('templates.renameTitle')}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('templates.name')}
            required
            data-autofocus
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.field(rename.error, 'name')}
          />
          <FormError>{errors.alert(rename.error, (field) => field === 'name')}</FormError>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

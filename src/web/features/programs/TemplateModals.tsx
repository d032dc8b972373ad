import { Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { useClinicalErrors } from '../clients/errors.js';
import { type ProgramWithCode, programApi, programKeys, useTemplates } from './programsApi.js';

interface ModalProps {
  opened: boolean;
  onClose: () => void;
  clientId: string;
}

/** Saves the client's current (saved) program as a template, private or shared with the practice. */
export function SaveAsTemplateModal({
  opened,
  onClose,
  clientId,
  onSaved,
}: ModalProps & { onSaved: (name: string) => void }) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const save = useMutation({
    mutationFn: () => programApi.saveAsTemplate(clientId, name, shared),
    onSuccess: async (template) => {
      await queryClient.invalidateQueries({ queryKey: programKeys.templates });
      onSaved(template.name);
      onClose();
    },
  });
  const { reset } = save;
  useEffect(() => {
    if (opened) reset();
  }, [opened, reset]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('program.saveAsTemplate')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('program.templateName')}
            required
            data-autofocus
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.field(save.error, 'name')}
          />
          <Checkbox
            label={t('program.templateShared')}
            checked={shared}
            onChange={(event) => setShared(event.currentTarget.checked)}
          />
          <FormError>{errors.alert(save.error, (field) => field === 'name')}</FormError>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('program.saveAsTemplate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Replaces the program's exercises with a template's, saved as the program's next version. */
export function FromTemplateModal({
  opened,
  onClose,
  clientId,
  onApplied,
}: ModalProps & { onApplied: (result: ProgramWithCode) => void }) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const templates = useTemplates();
  const [templateId, setTemplateId] = useState('');
  const apply = useMutation({
    mutationFn: () => programApi.fromTemplate(clientId, templateId),
    onSuccess: (result) => {
      onApplied(result);
      onClose();
    },
  });
  const { reset } = apply;
  useEffect(() => {
    if (opened) reset();
  }, [opened, reset]);
  const list = templates.data ?? [];

  return (
    <Modal opened={opened} onClose={onClose} title={t('program.fromTemplate')} centered>
      <Stack gap="md">
        {templates.isSuccess && list.length === 0 ? (
          <Text size="sm">{t('program.noTemplates')}</Text>
        ) : (
          <>
            <NativeSelect
              label={t('program.chooseTemplate')}
              value={templateId}
              onChange={(event) => setTemplateId(event.currentTarget.value)}
              data={[
                { value: '', label: t('program.chooseTemplatePlaceholder'), disabled: true },
                ...list.map((template) => ({
                  value: template.id,
                  label: `${template.name} (${t('program.versionItems', { count: template.itemCount })})`,
                })),
              ]}
            />
            <Text size="sm" c="dimmed">
              {t('program.fromTemplateBody')}
            </Text>
          </>
        )}
        <FormError>{templates.isError ? errors.message(templates.error) : undefined}</FormError>
        <FormError>{apply.isError ? errors.message(apply.error) : undefined}</FormError>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!templateId} loading={apply.isPending} onClick={() => apply.mutate()}>
            {t('program.useTemplate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

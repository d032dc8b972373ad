import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionError, useErrorText } from './errors.js';
import { ErrorAlert } from './Feedback.js';

interface NameModalProps {
  opened: boolean;
  title: string;
  description?: string;
  label: string;
  initialName: string;
  submitLabel: string;
  onClose: () => void;
  /** Runs with the trimmed name; the modal closes when it succeeds. */
  onSubmit: (name: string) => Promise<unknown>;
}

/** A modal with one name field: naming a new passkey, renaming one. */
export function NameModal(props: NameModalProps) {
  const { opened, title, description, label, initialName, submitLabel, onClose, onSubmit } = props;
  const { t } = useTranslation('account');
  const errors = useErrorText();
  const [name, setName] = useState(initialName);
  const submit = useMutation({ mutationFn: () => onSubmit(name.trim()), onSuccess: () => onClose() });
  const { reset } = submit;

  useEffect(() => {
    if (opened) {
      setName(initialName);
      reset();
    }
  }, [opened, initialName, reset]);

  const onFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={onFormSubmit} noValidate>
        <Stack gap="md">
          {description && <Text size="sm">{description}</Text>}
          <TextInput
            label={label}
            required
            maxLength={100}
            data-autofocus
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.field(submit.error, 'name')}
          />
          <ErrorAlert>{actionError(errors, submit.error, ['name'])}</ErrorAlert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submit.isPending} disabled={!name.trim()}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

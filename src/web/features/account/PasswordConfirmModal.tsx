import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionError, useErrorText } from './errors.js';
import { ErrorAlert } from './Feedback.js';

interface PasswordConfirmModalProps {
  opened: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  /** A red button: the action weakens the account's protection. */
  danger?: boolean;
  onClose: () => void;
  /** Runs the action with the password; the modal closes when it succeeds. */
  onConfirm: (password: string) => Promise<unknown>;
}

/** Asks for the account's password before an action that changes how the account is protected. */
export function PasswordConfirmModal(props: PasswordConfirmModalProps) {
  const { opened, title, description, confirmLabel, danger, onClose, onConfirm } = props;
  const { t } = useTranslation('account');
  const errors = useErrorText();
  const [password, setPassword] = useState('');
  const confirm = useMutation({
    mutationFn: () => onConfirm(password),
    onSuccess: () => close(),
  });

  function close() {
    setPassword('');
    confirm.reset();
    onClose();
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };

  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">{description}</Text>
          <PasswordInput
            label={t('confirmPassword.label')}
            required
            autoComplete="current-password"
            data-autofocus
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.field(confirm.error, 'password')}
          />
          <ErrorAlert>{actionError(errors, confirm.error, ['password'])}</ErrorAlert>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} loading={confirm.isPending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

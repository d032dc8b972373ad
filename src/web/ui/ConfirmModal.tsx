import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FormError } from './FormError.js';

export interface ConfirmModalProps {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onClose: () => void;
  /** Runs the action; the modal closes when it succeeds and shows the error when it fails. */
  onConfirm: () => Promise<unknown>;
}

/** Asks before an action that cannot be undone; the feature gives the words for cancel and errors. */
export function ConfirmModal({
  opened,
  title,
  body,
  confirmLabel,
  onClose,
  onConfirm,
  cancelLabel,
  errorText,
}: ConfirmModalProps & { cancelLabel: string; errorText: (error: unknown) => string }) {
  const confirm = useMutation({ mutationFn: onConfirm, onSuccess: () => onClose() });
  const { reset } = confirm;
  useEffect(() => {
    if (opened) reset();
  }, [opened, reset]);

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        <FormError>{confirm.isError ? errorText(confirm.error) : undefined}</FormError>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {cancelLabel}
          </Button>
          <Button color="red" loading={confirm.isPending} onClick={() => confirm.mutate()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormError } from './FormError.js';

/** Spaces and Unicode forms do not count: "Jörg  Müller" typed on any keyboard matches "Jörg Müller". */
const comparable = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ');

export interface ConfirmModalProps {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onClose: () => void;
  /** Runs the action; the modal closes when it succeeds and shows the error when it fails. */
  onConfirm: () => Promise<unknown>;
  /**
   * For the gravest actions (erasing a client, closing the practice): the confirm button stays
   * disabled until `expected` (a name the person must read to type) is typed into a field with `label`.
   */
  typedConfirmation?: { label: string; expected: string };
}

/** Asks before an action that cannot be undone; the feature gives the words for cancel and errors. */
export function ConfirmModal({
  opened,
  title,
  body,
  confirmLabel,
  onClose,
  onConfirm,
  typedConfirmation,
  cancelLabel,
  errorText,
}: ConfirmModalProps & { cancelLabel: string; errorText: (error: unknown) => string }) {
  const confirm = useMutation({ mutationFn: onConfirm, onSuccess: () => onClose() });
  const { reset } = confirm;
  const [typed, setTyped] = useState('');
  useEffect(() => {
    if (opened) {
      reset();
      setTyped('');
    }
  }, [opened, reset]);
  const confirmed = !typedConfirmation || comparable(typed) === comparable(typedConfirmation.expected);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': cancelLabel }}
    >
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        {typedConfirmation ? (
          <TextInput
            label={typedConfirmation.label}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
        ) : null}
        <FormError>{confirm.isError ? errorText(confirm.error) : undefined}</FormError>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {cancelLabel}
          </Button>
          <Button
            color="red"
            loading={confirm.isPending}
            disabled={!confirmed}
            onClick={() => confirm.mutate()}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

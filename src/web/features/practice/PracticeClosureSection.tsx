import { Alert, Button, Group, List, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ErrorAlert, SuccessAlert } from '../account/Feedback.js';
import { useDateFormat } from '../account/format.js';
import { useSession } from '../session/session.js';
import { ConfirmModal } from './ConfirmModal.js';
import {
  cancelClosure,
  closureAnchor,
  closureKey,
  notClosing,
  scheduleClosure,
  useClosure,
} from './closureApi.js';
import { usePracticeErrorText } from './errors.js';
import { usePractice } from './practiceApi.js';

/**
 * Closing the practice (owner): everything is erased after a grace period, which the owner can cancel
 * until it ends. Scheduling asks for the practice's name to be typed, as it cannot be undone once the
 * date passes; cancelling is safe and asks nothing.
 */
export function PracticeClosureSection() {
  const { t } = useTranslation('practice');
  const errors = usePracticeErrorText();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const closure = useClosure();
  const practice = usePractice();
  const session = useSession();
  const name = practice.data?.name ?? session.data?.practiceName ?? '';
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string>();
  const { hash } = useLocation();
  const cancelButton = useRef<HTMLButtonElement>(null);

  const cancel = useMutation({
    mutationFn: cancelClosure,
    onSuccess: () => {
      queryClient.setQueryData(closureKey, notClosing);
      setNotice(t('closure.cancelled'));
    },
    // A 409 means the closure changed elsewhere (another owner cancelled it, or the grace ended):
    // the section shows the state as it now is, beside the explanation.
    onError: () => queryClient.invalidateQueries({ queryKey: closureKey }),
  });
  const schedule = async () => {
    queryClient.setQueryData(closureKey, await scheduleClosure());
    cancel.reset();
    setNotice(undefined);
  };

  const eraseAfter = closure.data?.scheduled ? closure.data.eraseAfter : null;
  // Arriving from the banner's link: the way to cancel gets focus, which also scrolls it into view.
  useEffect(() => {
    if (hash === `#${closureAnchor}` && eraseAfter) cancelButton.current?.focus();
  }, [hash, eraseAfter]);

  if (closure.isPending) return <Skeleton h={120} />;
  return (
    <Stack gap="sm" id={closureAnchor}>
      <SuccessAlert>{notice}</SuccessAlert>
      <ErrorAlert>{closure.isError && errors.message(closure.error)}</ErrorAlert>
      <ErrorAlert>{cancel.isError && errors.message(cancel.error)}</ErrorAlert>
      {eraseAfter ? (
        <Alert
          color="red"
          variant="light"
          title={t('closure.scheduledTitle', { date: format.date(eraseAfter) })}
          data-testid="practice-closure-scheduled"
        >
          <Stack gap="xs">
            <Text size="sm">
              {t('closure.scheduledBody', {
                requested: closure.data?.requestedAt ? format.date(closure.data.requestedAt) : '—',
                until: format.dateTime(eraseAfter),
              })}
            </Text>
            <Group>
              <Button ref={cancelButton} loading={cancel.isPending} onClick={() => cancel.mutate()}>
                {t('closure.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : closure.data ? (
        <>
          <List size="sm" spacing={4}>
            <List.Item>{t('closure.grace')}</List.Item>
            <List.Item>{t('closure.meanwhile')}</List.Item>
            <List.Item>{t('closure.erased')}</List.Item>
          </List>
          <Text size="sm">{t('closure.exportFirst')}</Text>
          <Group>
            <Button color="red" variant="light" onClick={() => setConfirming(true)}>
              {t('closure.button')}
            </Button>
          </Group>
        </>
      ) : null}
      <ConfirmModal
        opened={confirming}
        title={t('closure.confirmTitle', { name })}
        body={t('closure.confirmBody')}
        confirmLabel={t('closure.confirm')}
        typedConfirmation={{ label: t('closure.typeName', { name }), expected: name }}
        onClose={() => setConfirming(false)}
        onConfirm={schedule}
      />
    </Stack>
  );
}

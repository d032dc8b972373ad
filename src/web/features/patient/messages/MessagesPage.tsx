import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../ui/PageLoader.js';
import { useDocumentTitle } from '../../../ui/useDocumentTitle.js';
import { useDateFormat } from '../../account/format.js';
import { type Message, oldestFirst, readUpTo } from '../../messages/conversation.js';
import { MessageBubble } from '../../messages/MessageBubble.js';
import { MessageComposer } from '../../messages/MessageComposer.js';
import { MessageLog } from '../../messages/MessageLog.js';
import { useMarkReadWhenShown } from '../../messages/useMarkReadWhenShown.js';
import { useOnline } from '../useNetwork.js';
import {
  unreachable,
  useMarkPatientMessagesRead,
  usePatientConversation,
  useSendPatientMessage,
} from './patientMessagesApi.js';
import { useDraft } from './useDraft.js';

/**
 * The conversation with the practice: its messages (the practitioner's name on theirs, "Read" under
 * the client's own once the practice read them), and a composer. Offline it says that messages need a
 * connection, and what was typed stays.
 */
export default function MessagesPage() {
  const { t } = useTranslation('patient');
  useDocumentTitle(t('messages.title'));
  const when = useDateFormat();
  const online = useOnline();
  const conversation = usePatientConversation();
  const messages = oldestFirst(conversation.data);
  const { mutateAsync: markRead } = useMarkPatientMessagesRead();
  useMarkReadWhenShown(online ? readUpTo(messages, 'client') : undefined, markRead);
  const send = useSendPatientMessage();
  const [draft, setDraft] = useDraft();
  const offline = !online || unreachable(conversation.error) || unreachable(send.error);
  // Back online after a failed load: load again at once (the socket's catch-up may come later).
  const { isError, refetch } = conversation;
  useEffect(() => {
    if (online && isError) void refetch();
  }, [online, isError, refetch]);

  const sendDraft = () => {
    const sent = draft;
    send.mutate(sent.trim(), {
      // Text typed while the message was on its way stays.
      onSuccess: () => setDraft((current) => (current === sent ? '' : current)),
    });
  };
  const author = (message: Message) => {
    if (message.author === 'client') return t('messages.you');
    return message.practitioner
      ? `${message.practitioner.firstName} ${message.practitioner.lastName}`
      : t('messages.practice');
  };

  return (
    <Stack gap="lg" data-testid="patient-messages">
      <Title order={1}>{t('messages.title')}</Title>
      <Text>{t('messages.lead')}</Text>
      {offline && (
        <Alert color="yellow" variant="light" role="status" data-testid="messages-offline">
          {t('messages.offline')}
        </Alert>
      )}
      {conversation.isError && !offline && (
        <Alert color="yellow" variant="light" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('messages.loadFailed')}</Text>
            <Button size="xs" variant="default" onClick={() => void conversation.refetch()}>
              {t('messages.retry')}
            </Button>
          </Stack>
        </Alert>
      )}
      {conversation.isPending ? (
        <PageLoader />
      ) : conversation.data ? (
        <MessageLog
          label={t('messages.logLabel')}
          empty={t('messages.empty')}
          newestId={messages.at(-1)?.id}
          maxHeight="55dvh"
          earlier={
            conversation.hasNextPage
              ? {
                  label: t('messages.earlier'),
                  onLoad: () => void conversation.fetchNextPage(),
                  loading: conversation.isFetchingNextPage,
                }
              : undefined
          }
        >
          {messages.map((message) => (
            <MessageBubble
              key={message.id}
              kind={message.kind}
              mine={message.author === 'client'}
              author={author(message)}
              sentAt={message.createdAt}
              time={when.dateTime(message.createdAt)}
              body={message.body}
              correction={message.correction ? t('myData.correction.badge') : undefined}
              feedback={
                message.exercise
                  ? {
                      label: t('messages.feedback'),
                      exercise: message.exercise.title ?? t('messages.exerciseGone'),
                    }
                  : undefined
              }
              receipt={
                message.author === 'client' && message.readAt
                  ? t('messages.read', { time: when.dateTime(message.readAt) })
                  : undefined
              }
            />
          ))}
        </MessageLog>
      ) : null}
      <MessageComposer
        value={draft}
        onChange={setDraft}
        onSend={sendDraft}
        sending={send.isPending}
        blocked={!online}
        error={send.isError && !unreachable(send.error) ? t('messages.sendFailed') : undefined}
        strings={{
          label: t('messages.composer.label'),
          send: t('messages.composer.send'),
          remaining: (count) => t('messages.composer.remaining', { count }),
          tooLong: (count) => t('messages.composer.tooLong', { count }),
        }}
      />
    </Stack>
  );
}

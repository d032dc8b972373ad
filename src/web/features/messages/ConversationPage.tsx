import { Anchor, Skeleton, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { useDateFormat } from '../account/format.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { clientName } from '../clients/clientForm.js';
import { type Client, useClient } from '../clients/clientsApi.js';
import { useClinicalErrors } from '../clients/errors.js';
import { oldestFirst, type PracticeMessage, readUpTo, sendsWithMeta } from './conversation.js';
import { MessageBubble } from './MessageBubble.js';
import { MessageComposer } from './MessageComposer.js';
import { MessageLog } from './MessageLog.js';
import { useConversation, useMarkConversationRead, useSendMessage } from './messagesApi.js';
import { useMarkReadWhenShown } from './useMarkReadWhenShown.js';

/** One client's conversation with the practice (`/clients/:id/messages`), where new-message notices lead. */
export function ConversationPage() {
  const { t } = useTranslation('messaging');
  const { id = '' } = useParams();
  return (
    <ClinicalGate title={t('messages.title')}>
      <ClientConversation clientId={id} />
    </ClinicalGate>
  );
}

function ClientConversation({ clientId }: { clientId: string }) {
  const { t } = useTranslation('messaging');
  const errors = useClinicalErrors();
  const client = useClient(clientId);
  useDocumentTitle(
    client.data ? t('conversation.title', { name: clientName(client.data) }) : t('messages.title'),
  );

  if (client.isPending) return <Skeleton h={320} />;
  if (client.isError) {
    const missing = client.error instanceof ApiError && client.error.status === 404;
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/messages" size="sm">
          {t('messages.title')}
        </Anchor>
        <FormError>{missing ? t('conversation.notFound') : errors.message(client.error)}</FormError>
      </Stack>
    );
  }
  return <Conversation client={client.data} />;
}

function Conversation({ client }: { client: Client }) {
  const { t, i18n } = useTranslation('messaging');
  const errors = useClinicalErrors();
  const when = useDateFormat();
  const lang = i18n.resolvedLanguage === 'de' ? 'de' : 'en';
  const name = clientName(client);
  const conversation = useConversation(client.id, lang);
  const messages = oldestFirst(conversation.data);
  const { mutateAsync: markRead } = useMarkConversationRead(client.id);
  useMarkReadWhenShown(readUpTo(messages, 'practitioner'), markRead);
  const send = useSendMessage(client.id, lang);
  const [draft, setDraft] = useState('');

  const sendDraft = () => {
    const sent = draft;
    send.mutate(sent.trim(), {
      // Text typed while the message was on its way stays.
      onSuccess: () => setDraft((current) => (current === sent ? '' : current)),
    });
  };
  const author = (message: PracticeMessage) => {
    if (message.author === 'client') return name;
    return message.practitioner
      ? `${message.practitioner.firstName} ${message.practitioner.lastName}`
      : t('conversation.practice');
  };

  return (
    <Stack gap="md" maw={880} data-testid="page-conversation">
      <Anchor component={Link} to={`/clients/${client.id}`} size="sm">
        {t('conversation.backToClient', { name })}
      </Anchor>
      <Title order={1}>{t('conversation.title', { name })}</Title>
      {conversation.isError ? <FormError>{errors.message(conversation.error)}</FormError> : null}
      {conversation.isPending ? (
        <Skeleton h={240} />
      ) : conversation.data ? (
        <MessageLog
          label={t('conversation.logLabel', { name })}
          empty={t('conversation.empty')}
          newestId={messages.at(-1)?.id}
          maxHeight="60vh"
          earlier={
            conversation.hasNextPage
              ? {
                  label: t('conversation.earlier'),
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
              mine={message.author === 'practitioner'}
              author={author(message)}
              sentAt={message.createdAt}
              time={when.dateTime(message.createdAt)}
              body={message.body}
              feedback={
                message.exercise
                  ? {
                      label: t('conversation.feedback'),
                      exercise: message.exercise.title ?? t('conversation.exerciseGone'),
                    }
                  : undefined
              }
              correction={
                message.correction
                  ? message.correction.field
                    ? t('conversation.correctionOf', {
                        field: t(`conversation.correctionField.${message.correction.field}`, {
                          defaultValue: message.correction.field,
                        }),
                      })
                    : t('conversation.correction')
                  : undefined
              }
              receipt={
                message.author === 'practitioner' && message.readAt
                  ? t('conversation.read', { time: when.dateTime(message.readAt) })
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
        error={send.isError ? (errors.field(send.error, 'body') ?? errors.message(send.error)) : undefined}
        strings={{
          label: t('conversation.composer.label', { name }),
          send: t('conversation.composer.send'),
          hint: sendsWithMeta() ? t('conversation.composer.hintMac') : t('conversation.composer.hint'),
          remaining: (count) => t('conversation.composer.remaining', { count }),
          tooLong: (count) => t('conversation.composer.tooLong', { count }),
        }}
      />
    </Stack>
  );
}

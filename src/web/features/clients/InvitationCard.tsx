import { Button, Card, Group, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { SuccessAlert } from '../account/Feedback.js';
import { useDateFormat } from '../account/format.js';
import type { Client } from './clientsApi.js';
import { useClinicalErrors } from './errors.js';
import {
  type Channel,
  type Consent,
  type ContactPreferences,
  invitationKeys,
  sendInvitation,
  setContactPreference,
  useContactPreferences,
} from './invitationsApi.js';

const CHANNELS: Channel[] = ['email', 'sms'];
// The reasons the server gives for not sending; each has its own sentence here.
const REFUSALS = ['no_program', 'no_email', 'no_mobile', 'opted_out', 'client_archived'] as const;
type Refusal = (typeof REFUSALS)[number];
const isRefusal = (code: string): code is Refusal => (REFUSALS as readonly string[]).includes(code);

/**
 * Inviting the client to the patient app: their access code and the app's link by email or SMS, and
 * whether the client accepts each channel (a refusal stops every message on it, queued ones too).
 */
export function InvitationCard({ client }: { client: Client }) {
  const { t } = useTranslation('care');
  const errors = useClinicalErrors();
  const when = useDateFormat();
  const queryClient = useQueryClient();
  const preferences = useContactPreferences(client.id);
  const [sent, setSent] = useState<Channel>();

  const invite = useMutation({
    mutationFn: (channel: Channel) => sendInvitation(client.id, channel),
    onMutate: () => setSent(undefined),
    onSuccess: (answer) => setSent(answer.channel),
  });
  const consent = useMutation({
    mutationFn: ({ channel, value }: { channel: Channel; value: Consent }) =>
      setContactPreference(client.id, channel, value),
    onSuccess: (saved) => queryClient.setQueryData(invitationKeys.preferences(client.id), saved),
  });

  const failure = (error: unknown) =>
    error instanceof ApiError && isRefusal(error.code)
      ? t(`invitation.errors.${error.code}`)
      : errors.message(error);

  /** Why a channel's button is off, or nothing when the code can go that way. */
  const blocked = (data: ContactPreferences, channel: Channel): string | undefined => {
    if (client.archivedAt) return t('invitation.errors.client_archived');
    const preference = data[channel];
    // The record on the page is the latest word on the address: it may have been edited just now.
    if ((channel === 'email' ? client.email : client.mobile) === null)
      return t(channel === 'email' ? 'invitation.errors.no_email' : 'invitation.errors.no_mobile');
    if (preference.refusedAt)
      return t(`invitation.refused.${channel}`, { date: when.date(preference.refusedAt) });
    return undefined;
  };

  const data = preferences.data;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="invitation-title"
      data-testid="invitation"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="invitation-title">
          {t('invitation.title')}
        </Title>
        <Text size="sm">{t('invitation.intro')}</Text>
        {preferences.isPending ? <Skeleton h={80} /> : null}
        {preferences.isError ? <FormError>{errors.message(preferences.error)}</FormError> : null}
        {data ? (
          <>
            <Group gap="sm">
              {CHANNELS.map((channel) => (
                <Button
                  key={channel}
                  variant="light"
                  size="xs"
                  disabled={Boolean(blocked(data, channel))}
                  loading={invite.isPending && invite.variables === channel}
                  onClick={() => invite.mutate(channel)}
                  data-testid={`invite-${channel}`}
                >
                  {t(`invitation.send.${channel}`)}
                </Button>
              ))}
            </Group>
            {CHANNELS.map((channel) => {
              const reason = blocked(data, channel);
              return reason ? (
                <Text key={channel} size="xs" c="dimmed" data-testid={`invite-${channel}-blocked`}>
                  {t(`invitation.channel.${channel}`)}: {reason}
                </Text>
              ) : null;
            })}
            <SuccessAlert>{sent ? t(`invitation.sent.${sent}`) : undefined}</SuccessAlert>
            <FormError>{invite.isError ? failure(invite.error) : undefined}</FormError>
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                {t('invitation.consentTitle')}
              </Text>
              {CHANNELS.map((channel) => (
                <Switch
                  key={channel}
                  label={t(`invitation.accepts.${channel}`)}
                  description={
                    data[channel].refusedAt
                      ? t(`invitation.refused.${channel}`, { date: when.date(data[channel].refusedAt ?? '') })
                      : undefined
                  }
                  checked={data[channel].status === 'allowed'}
                  disabled={consent.isPending}
                  onChange={(event) =>
                    consent.mutate({ channel, value: event.currentTarget.checked ? 'allowed' : 'refused' })
                  }
                  data-testid={`consent-${channel}`}
                />
              ))}
            </Stack>
            <FormError>{consent.isError ? errors.message(consent.error) : undefined}</FormError>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

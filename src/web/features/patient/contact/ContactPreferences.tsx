import { Alert, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../useNetwork.js';
import { type Channel, useContactPreferences, useSaveContactPreference } from './contactApi.js';

const channels: Channel[] = ['email', 'sms'];

/**
 * Whether the practice may send this client mail and text messages (the access code, notices). A
 * refusal is kept with its time and holds at once, even for a message already on its way.
 */
export function ContactPreferences() {
  const { t, i18n } = useTranslation('patient');
  const online = useOnline();
  const preferences = useContactPreferences();
  const save = useSaveContactPreference();

  return (
    <Paper
      p="md"
      radius="md"
      withBorder
      component="section"
      aria-labelledby="contact-heading"
      data-testid="contact-preferences"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="contact-heading">
          {t('contact.heading')}
        </Title>
        <Text size="sm">{t('contact.lead')}</Text>
        {preferences.isError ? (
          <Alert color="yellow" variant="light" role="alert">
            {t('contact.loadFailed')}
          </Alert>
        ) : null}
        {save.isError ? (
          <Alert color="red" variant="light" role="alert">
            {t('contact.saveFailed')}
          </Alert>
        ) : null}
        {preferences.data
          ? channels.map((channel) => {
              const preference = preferences.data[channel];
              const refusedAt = preference.refusedAt
                ? new Date(preference.refusedAt).toLocaleString(i18n.language, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  })
                : null;
              return (
                <Stack gap={2} key={channel}>
                  <Switch
                    label={t(`contact.channel.${channel}`)}
                    checked={preference.status === 'allowed'}
                    disabled={!online || save.isPending}
                    onChange={(event) =>
                      save.mutate({ [channel]: event.currentTarget.checked ? 'allowed' : 'refused' })
                    }
                    data-testid={`contact-${channel}`}
                  />
                  <Text size="sm">
                    {refusedAt
                      ? t('contact.refusedSince', { time: refusedAt })
                      : preference.onFile
                        ? t('contact.allowed')
                        : t('contact.notOnFile')}
                  </Text>
                </Stack>
              );
            })
          : null}
        {!online ? <Text size="sm">{t('contact.offline')}</Text> : null}
      </Stack>
    </Paper>
  );
}

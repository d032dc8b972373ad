import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../ui/PageLoader.js';
import { useDocumentTitle } from '../../../ui/useDocumentTitle.js';
import { ContactPreferences } from '../contact/ContactPreferences.js';
import { DevicePasskey } from '../passkey/DevicePasskey.js';
import { patientApi, patientKeys } from '../patientApi.js';
import { DevicePush } from './DevicePush.js';
import { RemindersForm } from './RemindersForm.js';

/**
 * When to be reminded (times, quiet hours) and whether this phone receives the reminders; also the
 * phone's passkey and whether the practice may mail or text (neither needs reminder settings loaded).
 */
export default function RemindersPage() {
  const { t } = useTranslation('patient');
  useDocumentTitle(t('reminders.title'));
  const settings = useQuery({
    queryKey: patientKeys.reminders,
    queryFn: patientApi.reminders,
    // Offline the request still goes out and fails at once, instead of a spinner that never ends.
    networkMode: 'always',
    retry: false,
  });

  return (
    <Stack gap="lg" data-testid="patient-reminders">
      <Title order={1}>{t('reminders.title')}</Title>
      <Text>{t('reminders.lead')}</Text>
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <Alert color="yellow" variant="light" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('reminders.problems.load')}</Text>
            <Button size="xs" variant="default" onClick={() => void settings.refetch()}>
              {t('reminders.problems.retry')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <>
          <RemindersForm settings={settings.data} />
          <DevicePush devices={settings.data.devices} hasTimes={settings.data.times.length > 0} />
        </>
      )}
      <DevicePasskey />
      <ContactPreferences />
    </Stack>
  );
}

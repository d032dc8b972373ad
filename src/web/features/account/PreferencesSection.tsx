import {
  Button,
  Fieldset,
  Group,
  Input,
  NativeSelect,
  SegmentedControl,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { isLanguage, type Language, languages } from '../../i18n/language.js';
import { switchLanguage } from '../../i18n/setup.js';
import { type Practitioner, useSessionUpdate } from '../session/session.js';
import { useErrorText } from './errors.js';
import { ErrorAlert, SuccessAlert } from './Feedback.js';

type Notifications = Practitioner['preferences']['notifications'];
const notificationKinds = ['newMessage', 'painAlert', 'outcomeAlert', 'lockedAccessCode'] as const;

/** Language, weight units and which events send a notification. */
export function PreferencesSection({ me }: { me: Practitioner }) {
  const { t, i18n } = useTranslation('account');
  const { t: tc } = useTranslation();
  const errors = useErrorText();
  const { changed } = useSessionUpdate();
  const [language, setLanguage] = useState<Language>(me.preferences.language);
  const [weightUnit, setWeightUnit] = useState(me.preferences.weightUnit);
  const [notifications, setNotifications] = useState<Notifications>(me.preferences.notifications);

  const save = useMutation({
    mutationFn: () =>
      api<Practitioner>('PATCH', '/api/v1/me', { preferences: { language, weightUnit, notifications } }),
    onSuccess: async (practitioner) => {
      changed(practitioner);
      // The saved language is the one the account wants: show the workspace in it now.
      if (i18n.resolvedLanguage !== practitioner.preferences.language) {
        await switchLanguage(i18n, practitioner.preferences.language);
      }
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg" maw={560}>
        <NativeSelect
          label={t('preferences.language')}
          description={t('preferences.languageHint')}
          value={language}
          onChange={(event) => {
            const next = event.currentTarget.value;
            if (isLanguage(next)) setLanguage(next);
          }}
          data={languages.map((code) => ({ value: code, label: tc(`language.${code}`) }))}
          data-testid="preferences-language"
        />
        <Stack gap={4}>
          <Input.Label labelElement="div" id="weight-unit-label">
            {t('preferences.weightUnit')}
          </Input.Label>
          <SegmentedControl
            aria-labelledby="weight-unit-label"
            value={weightUnit}
            onChange={(value) => setWeightUnit(value === 'lb' ? 'lb' : 'kg')}
            data={[
              { value: 'kg', label: t('preferences.kg') },
              { value: 'lb', label: t('preferences.lb') },
            ]}
            w="fit-content"
          />
        </Stack>
        <Fieldset legend={t('preferences.notifications.title')}>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('preferences.notifications.hint')}
            </Text>
            {notificationKinds.map((kind) => (
              <Switch
                key={kind}
                label={t(`preferences.notifications.${kind}`)}
                description={t(`preferences.notifications.${kind}Hint`)}
                checked={notifications[kind]}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setNotifications((current) => ({ ...current, [kind]: checked }));
                }}
              />
            ))}
          </Stack>
        </Fieldset>
        <ErrorAlert>{save.isError && errors.message(save.error)}</ErrorAlert>
        <SuccessAlert>{save.isSuccess && t('common.saved')}</SuccessAlert>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

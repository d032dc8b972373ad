import { Button, Group, List, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { accountKeys } from './accountApi.js';
import { actionError, useErrorText } from './errors.js';
import { ErrorAlert, SuccessAlert } from './Feedback.js';

/** Changes the password; the server ends every other session of the account. */
export function PasswordSection() {
  const { t } = useTranslation('account');
  const errors = useErrorText();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const change = useMutation({
    mutationFn: () => api('PUT', '/api/v1/me/password', { currentPassword, newPassword }),
    onSuccess: async () => {
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
      await queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const differs = newPassword !== repeat;
    setMismatch(differs);
    if (!differs) change.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={480}>
        <Text>{t('password.intro')}</Text>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('password.rulesTitle')}
          </Text>
          <List size="sm" spacing={2}>
            <List.Item>{t('password.ruleLength')}</List.Item>
            <List.Item>{t('password.ruleCommon')}</List.Item>
            <List.Item>{t('password.rulePersonal')}</List.Item>
            <List.Item>{t('password.ruleFreedom')}</List.Item>
          </List>
        </Stack>
        <PasswordInput
          label={t('password.current')}
          required
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          data-testid="password-current"
          error={errors.field(change.error, 'currentPassword')}
        />
        <PasswordInput
          label={t('password.new')}
          required
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.currentTarget.value)}
          data-testid="password-new"
          error={errors.field(change.error, 'newPassword')}
        />
        <PasswordInput
          label={t('password.repeat')}
          required
          autoComplete="new-password"
          value={repeat}
          onChange={(event) => setRepeat(event.currentTarget.value)}
          data-testid="password-repeat"
          error={mismatch ? t('password.mismatch') : undefined}
        />
        <ErrorAlert>{actionError(errors, change.error, ['currentPassword', 'newPassword'])}</ErrorAlert>
        <SuccessAlert>{change.isSuccess && t('password.changed')}</SuccessAlert>
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Anchor, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import { ErrorAlert, SuccessAlert } from '../account/Feedback.js';
import { usePracticeErrorText } from './errors.js';
import { type Practice, practiceKeys } from './practiceApi.js';

/** Whether every member must use two-step sign-in; only the owner can change it. */
export function MfaPolicySection({ practice, editable }: { practice: Practice; editable: boolean }) {
  const { t } = useTranslation('practice');
  const errors = usePracticeErrorText();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (mfaRequired: boolean) => api<Practice>('PATCH', '/api/v1/practice', { mfaRequired }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(practiceKeys.practice, saved);
      await queryClient.invalidateQueries({ queryKey: practiceKeys.members });
    },
  });
  const setupFirst = change.error instanceof ApiError && change.error.code === 'mfa_setup_first';

  return (
    <Stack gap="sm" maw={640}>
      <Text>{t('mfa.intro')}</Text>
      <Switch
        label={t('mfa.label')}
        description={practice.mfaRequired ? t('mfa.onHint') : t('mfa.offHint')}
        checked={practice.mfaRequired}
        disabled={!editable || change.isPending}
        onChange={(event) => change.mutate(event.currentTarget.checked)}
        data-testid="mfa-policy"
      />
      {!editable && (
        <Text size="sm" c="dimmed">
          {t('mfa.ownerOnly')}
        </Text>
      )}
      <ErrorAlert>
        {change.isError && (
          <>
            {errors.message(change.error)}{' '}
            {setupFirst && (
              <Anchor component={Link} to="/account?tab=security">
                {t('mfa.setupLink')}
              </Anchor>
            )}
          </>
        )}
      </ErrorAlert>
      <SuccessAlert>
        {change.isSuccess && (change.data.mfaRequired ? t('mfa.turnedOn') : t('mfa.turnedOff'))}
      </SuccessAlert>
    </Stack>
  );
}

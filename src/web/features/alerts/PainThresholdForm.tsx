import { Button, Group, NativeSelect, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { SuccessAlert } from '../account/Feedback.js';
import { useClinicalErrors } from '../clients/errors.js';
import { alertKeys, saveAlertRules, useAlertRules } from './alertsApi.js';

const levels = Array.from({ length: 10 }, (_, index) => String(index + 1));

/**
 * The pain level that raises an alert: the practice's default (clientId null) or one client's
 * override. The empty choice inherits — the practice default for a client, Rehabit's for a practice.
 */
export function PainThresholdForm(props: {
  clientId: string | null;
  inheritLabel: string;
  editable: boolean;
}) {
  const { clientId, inheritLabel, editable } = props;
  const { t } = useTranslation('care');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const rules = useAlertRules(clientId);
  const [value, setValue] = useState('');
  const saved = rules.data?.painAtOrAbove;
  useEffect(() => {
    if (saved !== undefined) setValue(saved === null ? '' : String(saved));
  }, [saved]);

  const save = useMutation({
    mutationFn: () => saveAlertRules(clientId, value === '' ? null : Number(value)),
    onSuccess: async (answer) => {
      queryClient.setQueryData(clientId ? alertKeys.clientRules(clientId) : alertKeys.practiceRules, answer);
      // A new practice default changes what every client without an override gets.
      if (!clientId) await queryClient.invalidateQueries({ queryKey: ['alert-rules', 'client'] });
    },
  });

  if (rules.isPending) return <Skeleton h={72} />;
  if (rules.isError) return <FormError>{errors.message(rules.error)}</FormError>;
  const changed = value !== (saved === null || saved === undefined ? '' : String(saved));
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid={clientId ? 'client-pain-threshold' : 'practice-pain-threshold'}>
        {t('rules.effective', { value: rules.data.effective.painAtOrAbove })}
      </Text>
      {editable ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t('rules.threshold')}
              value={value}
              onChange={(event) => {
                setValue(event.currentTarget.value);
                save.reset();
              }}
              data={[
                { value: '', label: inheritLabel },
                ...levels.map((level) => ({ value: level, label: level })),
              ]}
              error={errors.field(save.error, 'painAtOrAbove')}
            />
            <Button type="submit" variant="default" loading={save.isPending} disabled={!changed}>
              {t('rules.save')}
            </Button>
          </Group>
        </form>
      ) : null}
      <FormError>
        {save.isError && !errors.field(save.error, 'painAtOrAbove') ? errors.message(save.error) : undefined}
      </FormError>
      <SuccessAlert>{save.isSuccess ? t('rules.saved') : undefined}</SuccessAlert>
    </Stack>
  );
}

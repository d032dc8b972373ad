import { Button, Group, NativeSelect, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { SuccessAlert } from '../account/Feedback.js';
import { useClinicalErrors } from '../clients/errors.js';
import { type AlertRules, alertKeys, saveAlertRules, useAlertRules } from './alertsApi.js';
import { fieldsOf, type RuleFields, sameFields, validDays, valuesOf } from './ruleForm.js';

// Mantine's description grey falls short of 4.5:1 on white.
const DESCRIPTION = { description: { color: 'var(--mantine-color-gray-7)' } };

const levels = Array.from({ length: 10 }, (_, index) => String(index + 1));
const FIELDS = ['painAtOrAbove', 'noAdherenceDays', 'scoreWorseByMcid'];

/** What each inherited choice stands for: the practice's default for a client, Rehabit's for a practice. */
export interface InheritLabels {
  pain: string;
  days: string;
  worse: string;
}

/**
 * The rules that raise alerts: pain at or above a level, no log for some days, a score worse than the
 * baseline by the MCID. The practice's defaults (clientId null) or one client's override; an empty
 * choice inherits. The self-harm alert of PHQ-9 item 9 is always on and only stated.
 */
export function AlertRulesForm(props: {
  clientId: string | null;
  inherit: InheritLabels;
  editable: boolean;
}) {
  const { clientId, inherit, editable } = props;
  const { t } = useTranslation('care');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const rules = useAlertRules(clientId);
  const empty: RuleFields = { pain: '', days: '', worse: '' };
  const [fields, setFields] = useState(empty);
  const [daysInvalid, setDaysInvalid] = useState(false);
  const saved = rules.data ? fieldsOf(rules.data) : undefined;
  const savedKey = saved ? `${saved.pain}|${saved.days}|${saved.worse}` : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refills only when the saved rules change.
  useEffect(() => {
    if (saved) setFields(saved);
  }, [savedKey]);

  const save = useMutation({
    mutationFn: () => saveAlertRules(clientId, valuesOf(fields)),
    onSuccess: async (answer) => {
      queryClient.setQueryData(clientId ? alertKeys.clientRules(clientId) : alertKeys.practiceRules, answer);
      // A new practice default changes what every client without an override gets.
      if (!clientId) await queryClient.invalidateQueries({ queryKey: ['alert-rules', 'client'] });
    },
  });
  const change = (next: Partial<RuleFields>) => {
    setFields((current) => ({ ...current, ...next }));
    setDaysInvalid(false);
    save.reset();
  };

  if (rules.isPending) return <Skeleton h={120} />;
  if (rules.isError) return <FormError>{errors.message(rules.error)}</FormError>;
  const changed = !saved || !sameFields(fields, saved);
  return (
    <Stack gap="sm">
      <Effective rules={rules.data} testId={clientId ? 'client' : 'practice'} />
      {editable ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!validDays(fields.days)) {
              setDaysInvalid(true);
              return;
            }
            save.mutate();
          }}
        >
          <Stack gap="sm" maw={520}>
            <NativeSelect
              label={t('rules.threshold')}
              value={fields.pain}
              onChange={(event) => change({ pain: event.currentTarget.value })}
              data={[
                { value: '', label: inherit.pain },
                ...levels.map((level) => ({ value: level, label: level })),
              ]}
              error={errors.field(save.error, 'painAtOrAbove')}
            />
            <TextInput
              label={t('rules.noAdherenceDays')}
              description={t('rules.noAdherenceHint', { inherit: inherit.days })}
              styles={DESCRIPTION}
              inputMode="numeric"
              value={fields.days}
              onChange={(event) => change({ days: event.currentTarget.value })}
              error={daysInvalid ? t('rules.daysInvalid') : errors.field(save.error, 'noAdherenceDays')}
              maw={320}
            />
            <NativeSelect
              label={t('rules.scoreWorse')}
              value={fields.worse}
              onChange={(event) => change({ worse: event.currentTarget.value as RuleFields['worse'] })}
              data={[
                { value: '', label: inherit.worse },
                { value: 'on', label: t('rules.on') },
                { value: 'off', label: t('rules.off') },
              ]}
              error={errors.field(save.error, 'scoreWorseByMcid')}
            />
            <Group>
              <Button type="submit" variant="default" loading={save.isPending} disabled={!changed}>
                {t('rules.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      <FormError>{errors.alert(save.error, (field) => FIELDS.includes(field))}</FormError>
      <SuccessAlert>{save.isSuccess ? t('rules.saved') : undefined}</SuccessAlert>
    </Stack>
  );
}

/** What applies now, rule by rule, in words. */
function Effective({ rules, testId }: { rules: AlertRules; testId: 'client' | 'practice' }) {
  const { t } = useTranslation('care');
  const { effective } = rules;
  return (
    <Stack gap={2}>
      <Text size="sm" data-testid={`${testId}-pain-threshold`}>
        {t('rules.effective', { value: effective.painAtOrAbove })}
      </Text>
      <Text size="sm" data-testid={`${testId}-no-adherence`}>
        {effective.noAdherenceDays === 0
          ? t('rules.noAdherenceOff')
          : t('rules.noAdherenceEffective', { count: effective.noAdherenceDays })}
      </Text>
      <Text size="sm" data-testid={`${testId}-score-worse`}>
        {effective.scoreWorseByMcid ? t('rules.scoreWorseOn') : t('rules.scoreWorseOff')}
      </Text>
      <Text size="sm" fw={600}>
        {t('rules.selfHarmAlways')}
      </Text>
    </Stack>
  );
}

import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patientKeys } from '../patientApi.js';
import { browserPushEnvironment, notificationPermission } from './browserPush.js';
import { disablePush, enablePush, isPushEnabled, type PushOutcome, type PushProblem } from './pushDevice.js';

interface DevicePushProps {
  /** How many devices of the client receive reminders, this one included. */
  devices: number;
  hasTimes: boolean;
}

// Long German labels wrap onto a second line instead of being cut off on a narrow phone.
const wrapping = {
  root: { height: 'auto', minHeight: 42, paddingBlock: 8 },
  label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.35 },
} as const;

type Notice = { kind: 'done'; key: 'enabled' | 'disabled' } | { kind: 'problem'; problem: PushProblem };

/** Switches push reminders on or off for this phone, with a clear word when that is impossible. */
export function DevicePush({ devices, hasTimes }: DevicePushProps) {
  const { t } = useTranslation('patient');
  const queryClient = useQueryClient();
  const [environment] = useState(browserPushEnvironment);
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(
    // Said up front: a button that can only fail would be a trap.
    environment.supported ? null : { kind: 'problem', problem: 'unsupported' },
  );

  useEffect(() => {
    let current = true;
    void isPushEnabled(environment).then((value) => {
      if (current) setEnabled(value);
    });
    return () => {
      current = false;
    };
  }, [environment]);

  const run = async (action: 'enable' | 'disable') => {
    setBusy(true);
    setNotice(null);
    let outcome: PushOutcome;
    try {
      // Called in the tap's own turn: see enablePush.
      outcome = action === 'enable' ? await enablePush(environment) : await disablePush(environment);
    } catch {
      outcome = { ok: false, problem: 'failed' };
    }
    setBusy(false);
    if (!outcome.ok) {
      setNotice({ kind: 'problem', problem: outcome.problem });
      return;
    }
    setEnabled(action === 'enable');
    setNotice({ kind: 'done', key: action === 'enable' ? 'enabled' : 'disabled' });
    // The device count changed on the server.
    void queryClient.invalidateQueries({ queryKey: patientKeys.reminders });
  };

  const blocked = notificationPermission() === 'denied';
  return (
    <Paper
      p="md"
      radius="md"
      withBorder
      component="section"
      aria-labelledby="device-heading"
      data-testid="device-push"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="device-heading">
          {t('reminders.device.heading')}
        </Title>
        <Text size="sm">{t('reminders.device.body')}</Text>
        {enabled !== null && environment.supported && (
          <Text fw={600} data-testid="device-push-state" data-enabled={enabled}>
            {t(enabled ? 'reminders.device.on' : 'reminders.device.off')}
          </Text>
        )}
        {devices > 0 && (
          <Text size="sm" c="gray.7">
            {t('reminders.device.devices', { count: devices })}
          </Text>
        )}
        {enabled && !hasTimes && <Text size="sm">{t('reminders.device.noTimes')}</Text>}
        {notice?.kind === 'problem' && (
          <Alert
            color={notice.problem === 'offline' ? 'yellow' : 'red'}
            variant="light"
            role="alert"
            data-testid="device-push-problem"
          >
            {t(`reminders.device.problems.${notice.problem}`)}
          </Alert>
        )}
        {/* Known blocked before any tap: say how to unblock rather than offer a button that cannot work. */}
        {blocked && notice === null && !enabled && (
          <Alert color="yellow" variant="light" role="status">
            {t('reminders.device.problems.denied')}
          </Alert>
        )}
        {notice?.kind === 'done' && (
          <Alert color="teal" variant="light" role="status">
            {t(`reminders.device.${notice.key}`)}
          </Alert>
        )}
        {environment.supported &&
          (enabled ? (
            <Button variant="default" loading={busy} styles={wrapping} onClick={() => void run('disable')}>
              {t('reminders.device.disable')}
            </Button>
          ) : (
            <Button
              loading={busy}
              disabled={enabled === null}
              styles={wrapping}
              onClick={() => void run('enable')}
            >
              {t('reminders.device.enable')}
            </Button>
          ))}
      </Stack>
    </Paper>
  );
}

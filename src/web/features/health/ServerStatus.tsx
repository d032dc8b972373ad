import { Alert, Button, Card, Group, Loader, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useServerHealth } from './useServerHealth.js';

/** A card with the server's liveness: loading, ok, or an error with a retry button. */
export function ServerStatus() {
  const { t } = useTranslation('practitioner');
  const { health, retry } = useServerHealth();
  return (
    <Card withBorder component="section" aria-labelledby="server-status-title">
      <Title order={2} size="h4" id="server-status-title" mb="sm">
        {t('home.status.title')}
      </Title>
      <div data-testid="server-status" data-state={health.state} aria-live="polite">
        {health.state === 'loading' && (
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text>{t('home.status.loading')}</Text>
          </Group>
        )}
        {health.state === 'ok' && (
          <Alert color="teal" variant="light" role="status">
            {t('home.status.ok')}
          </Alert>
        )}
        {(health.state === 'failed' || health.state === 'unexpected') && (
          <Alert color="red" variant="light" role="alert">
            <Text mb="sm">
              {health.state === 'failed'
                ? t('home.status.failed')
                : t('home.status.unexpected', { status: health.status })}
            </Text>
            <Button size="xs" variant="default" onClick={retry}>
              {t('home.status.retry')}
            </Button>
          </Alert>
        )}
      </div>
    </Card>
  );
}

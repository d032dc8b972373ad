import { Alert, Anchor, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProcessorList } from '../privacy/ProcessorList.js';
import { useProcessors } from '../privacy/privacyApi.js';

/** Every member: the outside processors the deployment's operator has engaged (read-only). */
export function ProcessorsSection() {
  const { t } = useTranslation('practice');
  const processors = useProcessors();
  return (
    <Stack gap="md">
      {processors.isPending && <Skeleton h={60} />}
      {processors.isError && (
        <Alert color="red" variant="light" role="alert">
          {t('processors.loadFailed')}
        </Alert>
      )}
      {processors.data && <ProcessorList processors={processors.data} headingOrder={3} />}
      <Anchor component={Link} to="/privacy" size="sm">
        {t('processors.privacyPage')}
      </Anchor>
    </Stack>
  );
}

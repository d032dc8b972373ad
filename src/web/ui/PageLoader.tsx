import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The loading fallback for pages and lazily loaded parts: a spinner announced to screen readers. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite" data-testid="page-loading">
      <Loader aria-label={t('loading')} />
    </Center>
  );
}

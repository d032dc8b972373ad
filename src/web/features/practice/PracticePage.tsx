import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';

/** The practice settings (being built). */
export function PracticePage() {
  const { t } = useTranslation('practice');
  useDocumentTitle(t('title'));
  return <Title order={1}>{t('title')}</Title>;
}

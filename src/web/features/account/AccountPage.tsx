import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';

/** The practitioner's own account (being built). */
export function AccountPage() {
  const { t } = useTranslation('account');
  useDocumentTitle(t('title'));
  return <Title order={1}>{t('title')}</Title>;
}

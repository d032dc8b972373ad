import { Alert, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session.js';

/** Roles that may see clinical content; the API refuses the front desk with 403 anyway. */
export const canSeeClinical = (role: string | undefined) => role === 'owner' || role === 'practitioner';

/**
 * Wraps a clinical page: the front desk gets a clear explanation instead of a page that could only
 * fail, as their role never opens client records, programs or the library.
 */
export function ClinicalGate({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('clinical');
  const role = useSession().data?.role;
  if (canSeeClinical(role)) return <>{children}</>;
  return (
    <Stack gap="md" maw={720} data-testid="clinical-forbidden">
      <Title order={1}>{title}</Title>
      <Alert color="yellow" variant="light" title={t('frontDesk.title')}>
        {t('frontDesk.body')}
      </Alert>
    </Stack>
  );
}

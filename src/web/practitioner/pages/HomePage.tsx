import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { canSeeClinical } from '../../features/clients/ClinicalGate.js';
import { Dashboard } from '../../features/dashboard/Dashboard.js';
import { ServerStatus } from '../../features/health/ServerStatus.js';
import { useSession } from '../../features/session/session.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';

/** The workspace home: a welcome, the clients' activity (clinical roles only) and the server's status. */
export function HomePage() {
  const { t } = useTranslation('practitioner');
  useDocumentTitle(t('nav.home'));
  const me = useSession().data;
  // The front desk never sees adherence, and MFA setup must come first where the practice asks for it.
  const clinical = canSeeClinical(me?.role) && !me?.mfaSetupRequired;
  return (
    <Stack gap="lg" maw={1040} data-testid="page-home">
      <Title order={1}>{t('home.title')}</Title>
      <Text size="lg" maw={720}>
        {t('home.intro')}
      </Text>
      {clinical ? <Dashboard /> : null}
      <ServerStatus />
    </Stack>
  );
}

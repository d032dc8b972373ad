import { Button, Container, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { PageLoader } from '../../ui/PageLoader.js';
import { signInPathFor } from '../auth/nextPath.js';
import { useSession } from './session.js';

/** Where a member whose practice requires a second factor they lack may be: setting one up. */
export const MFA_SETUP_PATH = '/account';

/**
 * The workspace's gate: signed out goes to sign-in (and comes back here afterwards); a member who
 * must still set up two-step sign-in is kept on the account page, the only one the server serves them.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation('practitioner');
  const session = useSession();
  const { pathname, search, hash } = useLocation();

  if (session.isPending) return <PageLoader />;
  if (session.isError) {
    return (
      <Container size="sm" py="xl" data-testid="session-failed" role="alert">
        <Stack gap="md" align="flex-start">
          <Text>{t('session.failed')}</Text>
          <Button onClick={() => void session.refetch()} loading={session.isFetching}>
            {t('session.retry')}
          </Button>
        </Stack>
      </Container>
    );
  }
  if (!session.data) return <Navigate to={signInPathFor(`${pathname}${search}${hash}`)} replace />;
  if (session.data.mfaSetupRequired && pathname !== MFA_SETUP_PATH) {
    return <Navigate to={MFA_SETUP_PATH} replace />;
  }
  return children;
}

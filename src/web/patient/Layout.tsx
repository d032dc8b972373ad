import { Box, Container, Group } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { MessagesLive } from '../features/patient/messages/MessagesLive.js';
import { MessagesNavBadge } from '../features/patient/messages/MessagesNavBadge.js';
import { PatientSession } from '../features/patient/PatientSession.js';
import { useSession } from '../features/patient/session.js';
import { Brand } from '../ui/Brand.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { PageLoader } from '../ui/PageLoader.js';
import { SkipLink } from '../ui/SkipLink.js';
import classes from './Layout.module.css';

/** Mobile-first frame of the patient app: a slim header, the app's places, and one narrow column. */
export function Layout() {
  const { t } = useTranslation('patient');
  const session = useSession();
  return (
    <Box mih="100dvh" bg="gray.0">
      <SkipLink />
      <PatientSession />
      <MessagesLive />
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="xs" py="sm">
          <Group justify="space-between" wrap="nowrap">
            <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
              <Brand />
            </Link>
            <LanguageSwitch />
          </Group>
          {session && (
            // Wraps on narrow phones: four places in German do not fit one 360px line.
            <Group component="nav" aria-label={t('nav.label')} justify="space-between" mt="xs" gap={4}>
              <Group gap={4}>
                <NavLink to="/" end className={classes.navLink}>
                  {t('nav.today')}
                </NavLink>
                <NavLink to="/history" className={classes.navLink}>
                  {t('nav.history')}
                </NavLink>
                <NavLink to="/messages" className={classes.navLink}>
                  {t('nav.messages')}
                  <MessagesNavBadge />
                </NavLink>
                <NavLink to="/reminders" className={classes.navLink}>
                  {t('nav.reminders')}
                </NavLink>
                <NavLink to="/my-data" className={classes.navLink}>
                  {t('nav.myData')}
                </NavLink>
              </Group>
              <NavLink to="/sign-out" className={`${classes.navLink} ${classes.signOut}`}>
                {t('nav.signOut')}
              </NavLink>
            </Group>
          )}
        </Container>
      </Box>
      <Container component="main" id="main-content" tabIndex={-1} size="xs" py="lg" className={classes.main}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </Container>
    </Box>
  );
}

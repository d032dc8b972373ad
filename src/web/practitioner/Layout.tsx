import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { OpenAlertsBadge } from '../features/alerts/OpenAlertsBadge.js';
import { UnreadMessagesBadge } from '../features/messages/UnreadMessagesBadge.js';
import { NotificationsBell } from '../features/notifications/NotificationsBell.js';
import { PracticeClosureBanner } from '../features/practice/PracticeClosureBanner.js';
import { useWorkspaceLive } from '../features/realtime/useWorkspaceLive.js';
import { EmailVerificationBanner } from '../features/session/EmailVerificationBanner.js';
import { MfaSetupBanner } from '../features/session/MfaSetupBanner.js';
import { useSession } from '../features/session/session.js';
import { UserMenu } from '../features/session/UserMenu.js';
import { useSaveLanguage, useSignOut } from '../features/session/useAccountActions.js';
import { Brand } from '../ui/Brand.js';
import { FormError } from '../ui/FormError.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { PageLoader } from '../ui/PageLoader.js';
import { SkipLink } from '../ui/SkipLink.js';
import { clinicalSections, sections } from './sections.js';

const navItems = [{ id: 'home', path: '/' } as const, ...sections.map((id) => ({ id, path: `/${id}` }))];

/** The count beside a section in the navigation, for the sections that have one. */
function sectionBadge(id: string) {
  if (id === 'alerts') return <OpenAlertsBadge />;
  if (id === 'messages') return <UnreadMessagesBadge />;
  return undefined;
}

/**
 * The workspace frame: header with product name, language and the account menu, section navigation,
 * the session's banners, page outlet. Rendered only with a session (see RequireSession).
 */
export function Layout() {
  const { t } = useTranslation('practitioner');
  const [navOpen, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const practitioner = useSession().data;
  const saveLanguage = useSaveLanguage();
  const signOut = useSignOut();
  const live = Boolean(practitioner) && !practitioner?.mfaSetupRequired;
  useWorkspaceLive(live);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              aria-expanded={navOpen}
              aria-controls="workspace-nav"
            />
            <Link
              to="/"
              aria-label={`Rehabit, ${t('nav.home')}`}
              style={{ color: 'inherit', textDecoration: 'none' }}
            >
              <Brand />
            </Link>
            <Text c="gray.7" size="sm" visibleFrom="sm">
              {t('workspace')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {practitioner ? <NotificationsBell enabled={live} /> : null}
            <LanguageSwitch onSwitch={saveLanguage} />
            {practitioner ? (
              <UserMenu
                practitioner={practitioner}
                onSignOut={() => signOut.mutate()}
                signingOut={signOut.isPending}
              />
            ) : null}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" id="workspace-nav" aria-label={t('nav.label')}>
        {navItems
          // The front desk works with appointments only: clinical sections are not offered.
          .filter(
            ({ id }) =>
              practitioner?.role !== 'front_desk' || !(clinicalSections as readonly string[]).includes(id),
          )
          .map(({ id, path }) => {
            const active = path === '/' ? pathname === '/' : pathname.startsWith(path);
            return (
              <NavLink
                key={id}
                component={Link}
                to={path}
                label={t(`nav.${id}`)}
                rightSection={sectionBadge(id)}
                active={active}
                aria-current={active ? 'page' : undefined}
                onClick={close}
                data-testid={`nav-${id}`}
              />
            );
          })}
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1}>
        <MfaSetupBanner />
        <EmailVerificationBanner />
        <PracticeClosureBanner />
        {signOut.isError ? <FormError>{t('userMenu.signOutFailed')}</FormError> : null}
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

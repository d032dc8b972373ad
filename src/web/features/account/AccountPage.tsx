import { Divider, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageLoader } from '../../ui/PageLoader.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { type Practitioner, useSession } from '../session/session.js';
import { PasskeysSection } from './PasskeysSection.js';
import { PasswordSection } from './PasswordSection.js';
import { PreferencesSection } from './PreferencesSection.js';
import { ProfileSection } from './ProfileSection.js';
import { SessionsSection } from './SessionsSection.js';
import { SignInHistorySection } from './SignInHistorySection.js';
import { TotpSection } from './TotpSection.js';

const tabs = ['profile', 'preferences', 'password', 'security', 'sessions', 'history'] as const;
type Tab = (typeof tabs)[number];
const isTab = (value: string | null): value is Tab => tabs.some((tab) => tab === value);

function SecuritySection({ me }: { me: Practitioner }) {
  const { t } = useTranslation('account');
  return (
    <Stack gap="xl" maw={720}>
      <Text>{t('security.intro')}</Text>
      <TotpSection me={me} />
      <Divider />
      <PasskeysSection />
    </Stack>
  );
}

/** The practitioner's own account: profile, preferences, password, second factors, sessions, history. */
export function AccountPage() {
  const { t } = useTranslation('account');
  useDocumentTitle(t('title'));
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const me = session.data;
  if (!me) return <PageLoader />;

  // Until a required second factor is set up, only the security tab can do anything useful.
  const requested = params.get('tab');
  const tab: Tab = isTab(requested) ? requested : me.mfaSetupRequired ? 'security' : 'profile';
  const panel = (value: Tab) => {
    switch (value) {
      case 'profile':
        return <ProfileSection me={me} />;
      case 'preferences':
        return <PreferencesSection me={me} />;
      case 'password':
        return <PasswordSection />;
      case 'security':
        return <SecuritySection me={me} />;
      case 'sessions':
        return <SessionsSection />;
      case 'history':
        return <SignInHistorySection me={me} />;
    }
  };

  return (
    <Stack gap="lg" data-testid="page-account">
      <Title order={1}>{t('title')}</Title>
      <Tabs
        value={tab}
        onChange={(value) => {
          if (isTab(value)) setParams({ tab: value }, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {tabs.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`account-tab-${value}`}>
              {t(`tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((value) => (
          <Tabs.Panel key={value} value={value} pt="lg">
            {panel(value)}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

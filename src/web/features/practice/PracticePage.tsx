import { Card, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../ui/PageLoader.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { ErrorAlert } from '../account/Feedback.js';
import { PracticeAlertRulesSection } from '../alerts/PracticeAlertRulesSection.js';
import { useSession } from '../session/session.js';
import { ApiKeysSection } from './ApiKeysSection.js';
import { usePracticeErrorText } from './errors.js';
import { InvitationsSection } from './InvitationsSection.js';
import { MembersSection } from './MembersSection.js';
import { MfaPolicySection } from './MfaPolicySection.js';
import { PracticeClosureSection } from './PracticeClosureSection.js';
import { PracticeDetails } from './PracticeDetails.js';
import { PracticeExportSection } from './PracticeExportSection.js';
import { ProcessorsSection } from './ProcessorsSection.js';
import { usePractice } from './practiceApi.js';

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={`${id}-title`} data-testid={`practice-${id}`}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id={`${id}-title`}>
            {title}
          </Title>
          {intro && <Text c="dimmed">{intro}</Text>}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

/**
 * The practice: details, members, invitations, the two-step sign-in policy, the default pain alert
 * threshold and API keys. The owner
 * changes them; practitioners read; the front desk sees the practice's name and its members only.
 */
export function PracticePage() {
  const { t } = useTranslation('practice');
  const { t: tc } = useTranslation('care');
  useDocumentTitle(t('title'));
  const session = useSession();
  const me = session.data;
  const errors = usePracticeErrorText();
  const practice = usePractice();
  if (!me) return <PageLoader />;

  const owner = me.role === 'owner';
  const frontDesk = me.role === 'front_desk';

  return (
    <Stack gap="lg" maw={1040} data-testid="page-practice">
      <Stack gap={4}>
        <Title order={1}>{t('title')}</Title>
        <Text size="lg" data-testid="practice-heading-name">
          {practice.data?.name ?? me.practiceName}
        </Text>
        {!owner && <Text c="dimmed">{t('ownerOnlyNote')}</Text>}
      </Stack>
      <ErrorAlert>{practice.isError && errors.message(practice.error)}</ErrorAlert>

      {!frontDesk && (
        <Section id="details" title={t('details.title')}>
          {practice.isPending && <Skeleton h={120} />}
          {practice.data && <PracticeDetails practice={practice.data} editable={owner} />}
        </Section>
      )}
      <Section id="members" title={t('members.title')} intro={t('members.intro')}>
        <MembersSection manage={owner} />
      </Section>
      {owner && (
        <Section id="invitations" title={t('invitations.title')} intro={t('invitations.intro')}>
          <InvitationsSection />
        </Section>
      )}
      {!frontDesk && practice.data && (
        <Section id="mfa" title={t('mfa.title')}>
          <MfaPolicySection practice={practice.data} editable={owner} />
        </Section>
      )}
      {!frontDesk && (
        <Section id="alert-rules" title={tc('rules.practiceTitle')} intro={tc('rules.practiceIntro')}>
          <PracticeAlertRulesSection editable={owner} />
        </Section>
      )}
      {owner && (
        <Section id="api-keys" title={t('apiKeys.title')}>
          <ApiKeysSection />
        </Section>
      )}
      {owner && (
        <Section id="export" title={t('export.title')}>
          <PracticeExportSection />
        </Section>
      )}
      <Section id="processors" title={t('processors.title')} intro={t('processors.intro')}>
        <ProcessorsSection />
      </Section>
      {owner && (
        <Section id="closure" title={t('closure.title')} intro={t('closure.intro')}>
          <PracticeClosureSection />
        </Section>
      )}
    </Stack>
  );
}

import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session.js';
import { useOnline } from '../useNetwork.js';
import { useUnreadPatientMessages } from './patientMessagesApi.js';

/** Beside "Messages" in the app's navigation: how many of the practice's messages are unread. */
export function MessagesNavBadge() {
  const { t } = useTranslation('patient');
  const online = useOnline();
  const count = useUnreadPatientMessages(useSession() !== null && online).data ?? 0;
  if (count === 0) return null;
  return (
    <>
      <Badge
        color="red.9"
        size="sm"
        circle={count < 10}
        ml={6}
        aria-hidden
        data-testid="patient-unread-badge"
      >
        {count > 99 ? '99+' : count}
      </Badge>
      <VisuallyHidden>{`, ${t('nav.messagesUnread', { count })}`}</VisuallyHidden>
    </>
  );
}

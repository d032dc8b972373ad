import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { canSeeClinical } from '../clients/ClinicalGate.js';
import { useSession } from '../session/session.js';
import { useUnreadMessages } from './messagesApi.js';

/**
 * The number of unread client messages beside "Messages" in the navigation; nothing when there are
 * none. Kept current by the workspace's socket. Only roles that see clinical content ask (the API
 * refuses the front desk), and not while MFA setup blocks the rest of the workspace.
 */
export function UnreadMessagesBadge() {
  const { t } = useTranslation('messaging');
  const me = useSession().data;
  const count = useUnreadMessages(canSeeClinical(me?.role) && !me?.mfaSetupRequired).data?.total ?? 0;
  if (count === 0) return null;
  return (
    <>
      <Badge color="red.9" size="sm" circle={count < 10} aria-hidden data-testid="unread-messages-badge">
        {count > 99 ? '99+' : count}
      </Badge>
      <VisuallyHidden>{t('messages.navUnread', { count })}</VisuallyHidden>
    </>
  );
}

import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { canSeeClinical } from '../clients/ClinicalGate.js';
import { useSession } from '../session/session.js';
import { ALERT_PAGE, useOpenAlertCount } from './alertsApi.js';

/**
 * The number of open alerts beside "Alerts" in the navigation; nothing when there are none. Only
 * roles that see clinical content ask (the API refuses the front desk), and not while MFA setup
 * blocks the rest of the workspace.
 */
export function OpenAlertsBadge() {
  const { t } = useTranslation('practitioner');
  const me = useSession().data;
  const count = useOpenAlertCount(canSeeClinical(me?.role) && !me?.mfaSetupRequired).data ?? 0;
  if (count === 0) return null;
  return (
    <>
      <Badge color="red" size="sm" circle={count < 10} aria-hidden data-testid="open-alerts-badge">
        {count >= ALERT_PAGE ? `${ALERT_PAGE}+` : count}
      </Badge>
      <VisuallyHidden>{t('nav.openAlerts', { count })}</VisuallyHidden>
    </>
  );
}

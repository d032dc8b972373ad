import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateFormat } from '../account/format.js';
import { useSession } from '../session/session.js';
import { closureAnchor, useClosure } from './closureApi.js';

/**
 * Shown to every member on every page while the practice is closing: the date everything is erased,
 * so nobody is surprised by it; the owner gets the way to cancel.
 */
export function PracticeClosureBanner() {
  const { t } = useTranslation('practice');
  const format = useDateFormat();
  const practitioner = useSession().data;
  // A member who must still set up a second factor can reach the account page only.
  const closure = useClosure(Boolean(practitioner) && !practitioner?.mfaSetupRequired);
  const eraseAfter = closure.data?.scheduled ? closure.data.eraseAfter : null;
  if (!practitioner || !eraseAfter) return null;
  const owner = practitioner.role === 'owner';

  return (
    <Alert
      color="red"
      variant="light"
      title={t('closure.banner.title', { name: practitioner.practiceName, date: format.date(eraseAfter) })}
      mb="md"
      data-testid="banner-practice-closure"
    >
      <Text size="sm">{owner ? t('closure.banner.owner') : t('closure.banner.member')}</Text>
      {owner ? (
        // A button-like link, as in the other banners: a plain link's colour is too faint on red.
        <Group mt="xs">
          <Button component={Link} to={`/practice#${closureAnchor}`} size="xs" variant="default">
            {t('closure.banner.cancel')}
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}

import { useTranslation } from 'react-i18next';
import { type ConfirmModalProps, ConfirmModal as SharedConfirmModal } from '../../ui/ConfirmModal.js';
import { usePracticeErrorText } from './errors.js';

/** Asks before an action that cannot be undone (removing a member, revoking a key), in this feature's words. */
export function ConfirmModal(props: ConfirmModalProps) {
  const { t } = useTranslation('practice');
  const errors = usePracticeErrorText();
  return (
    <SharedConfirmModal
      {...props}
      cancelLabel={t('common.cancel')}
      errorText={(error) => errors.message(error)}
    />
  );
}

import { useTranslation } from 'react-i18next';
import { type ConfirmModalProps, ConfirmModal as SharedConfirmModal } from '../../ui/ConfirmModal.js';
import { useClinicalErrors } from '../clients/errors.js';

/** Asks before an action that cannot be undone (a new access code, deleting a template, signing a client's devices out), in this feature's words. */
export function ConfirmModal(props: ConfirmModalProps) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  return (
    <SharedConfirmModal
      {...props}
      cancelLabel={t('common.cancel')}
      errorText={(error) => errors.message(error)}
    />
  );
}

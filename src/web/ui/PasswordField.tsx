import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface PasswordFieldProps extends Omit<PasswordInputProps, 'description'> {
  /** A new password: explains the rules under the input and asks the browser to suggest one. */
  withRules?: boolean;
}

/**
 * A password input with a show/hide toggle. For a new password, the rules the server applies
 * (NIST SP 800-63B: length, not common or breached, not the person's name or email) are spelled out,
 * so a refusal never comes as a surprise; pass the server's reason as `error`.
 */
export function PasswordField({ withRules = false, autoComplete, ...props }: PasswordFieldProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      autoComplete={autoComplete ?? (withRules ? 'new-password' : 'current-password')}
      description={withRules ? t('password.rules') : undefined}
      visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
      {...props}
    />
  );
}

import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

interface FormErrorProps {
  /** The message to show; nothing renders without one. */
  children?: ReactNode;
  title?: string;
}

/** A form's overall problem (wrong password, locked, server unreachable), announced to screen readers. */
export function FormError({ children, title }: FormErrorProps) {
  if (!children) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid="form-error">
      {children}
    </Alert>
  );
}

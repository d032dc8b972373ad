import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** A failed action's message, announced to screen readers. */
export function ErrorAlert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Alert color="red" variant="light" role="alert" data-testid="error-alert">
      {children}
    </Alert>
  );
}

/** A short confirmation that an action worked, announced politely. */
export function SuccessAlert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Alert color="teal" variant="light" role="status">
      {children}
    </Alert>
  );
}

import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import type { i18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ErrorBoundary } from './ErrorBoundary.js';
import { cssVariablesResolver, theme } from './theme.js';

interface AppProvidersProps {
  i18n: i18n;
  /** The app's start page, linked from the last-resort error page. */
  homeHref: string;
  children: ReactNode;
}

/** Theme, translations and a last-resort error boundary: everything both apps wrap around their router. */
export function AppProviders({ i18n, homeHref, children }: AppProvidersProps) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <I18nextProvider i18n={i18n}>
        <ErrorBoundary homeHref={homeHref}>{children}</ErrorBoundary>
      </I18nextProvider>
    </MantineProvider>
  );
}

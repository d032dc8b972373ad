import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from '../api/client.js';
import { sessionQueryKey } from '../features/session/session.js';
import {
  account,
  auth,
  care,
  clinical,
  common,
  messaging,
  outcomes,
  practice,
  practitioner,
} from '../i18n/resources.js';
import { createI18n } from '../i18n/setup.js';
import { AppProviders } from '../ui/AppProviders.js';
import { createWorkspaceRouter } from './router.js';

// Entry point of the practitioner workspace (index.html at `/`).
const i18n = createI18n({
  en: {
    common: common.en,
    practitioner: practitioner.en,
    auth: auth.en,
    account: account.en,
    practice: practice.en,
    clinical: clinical.en,
    care: care.en,
    messaging: messaging.en,
    outcomes: outcomes.en,
  },
  de: {
    common: common.de,
    practitioner: practitioner.de,
    auth: auth.de,
    account: account.de,
    practice: practice.de,
    clinical: clinical.de,
    care: care.de,
    messaging: messaging.de,
    outcomes: outcomes.de,
  },
});
// A session can end while a page is open (expiry, sign-out elsewhere, password reset): the first call
// refused with 401 marks the session gone, and the workspace's guard sends the user to sign in.
const onApiError = (error: unknown) => {
  if (error instanceof ApiError && error.status === 401 && error.code === 'unauthenticated') {
    queryClient.setQueryData(sessionQueryKey, null);
  }
};
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
});
const router = createWorkspaceRouter();
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html lacks the #root element');

createRoot(rootElement).render(
  <StrictMode>
    <AppProviders i18n={i18n} homeHref="/">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </AppProviders>
  </StrictMode>,
);

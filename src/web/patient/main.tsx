import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createI18n } from '../i18n/setup.js';
import { AppProviders } from '../ui/AppProviders.js';
import { patientResources } from './locales.js';
import { createPatientRouter, patientBasename } from './router.js';
import { registerServiceWorker } from './serviceWorker.js';

// Entry point of the patient app (app/index.html at `/app/`, an installable PWA).

// `/app` without the slash lies outside both the PWA scope and the router's basename.
if (window.location.pathname === '/app') {
  window.history.replaceState(null, '', `/app/${window.location.search}${window.location.hash}`);
}
const i18n = createI18n(patientResources);
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
});
const router = createPatientRouter();
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('app/index.html lacks the #root element');

createRoot(rootElement).render(
  <StrictMode>
    <AppProviders i18n={i18n} homeHref={patientBasename}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </AppProviders>
  </StrictMode>,
);
registerServiceWorker();

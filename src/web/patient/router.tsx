import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from '../ui/NotFoundPage.js';
import { RouteErrorPage } from '../ui/RouteErrorPage.js';
import { Layout } from './Layout.js';
import { WelcomePage } from './pages/WelcomePage.js';

/**
 * The patient app lives under `/app/`, the PWA's scope; the server answers `/app/*` with app/index.html.
 * The trailing slash makes links to the start page `/app/` (inside the scope), not `/app`.
 */
export const patientBasename = '/app/';

/** The patient app's routes. */
export function createPatientRouter() {
  return createBrowserRouter(
    [
      {
        path: '/',
        element: <Layout />,
        errorElement: <RouteErrorPage />,
        children: [
          {
            errorElement: <RouteErrorPage />,
            children: [
              { index: true, element: <WelcomePage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
    { basename: patientBasename },
  );
}

import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../features/account/AccountPage.js';
import { PracticePage } from '../features/practice/PracticePage.js';
import { NotFoundPage } from '../ui/NotFoundPage.js';
import { RouteErrorPage } from '../ui/RouteErrorPage.js';
import { Layout } from './Layout.js';
import { HomePage } from './pages/HomePage.js';
import { SectionPage } from './pages/SectionPage.js';
import { sections } from './sections.js';

/** The workspace's routes, served at `/`; the server answers every other non-API path with index.html. */
export function createWorkspaceRouter() {
  return createBrowserRouter([
    {
      path: '/',
      element: <Layout />,
      errorElement: <RouteErrorPage />,
      children: [
        {
          // Page errors render inside the layout, so header and navigation stay usable.
          errorElement: <RouteErrorPage />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'account', element: <AccountPage /> },
            { path: 'practice', element: <PracticePage /> },
            ...sections
              .filter((section) => section !== 'practice')
              .map((section) => ({ path: section, element: <SectionPage section={section} /> })),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}

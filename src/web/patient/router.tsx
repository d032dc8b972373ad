import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { useSession } from '../features/patient/session.js';
import { SignInPage } from '../features/patient/sign-in/SignInPage.js';
import { TodayPage } from '../features/patient/today/TodayPage.js';
import { NotFoundPage } from '../ui/NotFoundPage.js';
import { RouteErrorPage } from '../ui/RouteErrorPage.js';
import { Layout } from './Layout.js';

// The first screens (sign-in, today) ship in the entry chunk; the rest load on first use and are
// precached by the service worker, so they open offline too.
const ExercisePage = lazy(() => import('../features/patient/exercise/ExercisePage.js'));
const HistoryPage = lazy(() => import('../features/patient/history/HistoryPage.js'));
const ArticlePage = lazy(() => import('../features/patient/article/ArticlePage.js'));
const SignOutPage = lazy(() => import('../features/patient/SignOutPage.js'));
const RemindersPage = lazy(() => import('../features/patient/reminders/RemindersPage.js'));
const MessagesPage = lazy(() => import('../features/patient/messages/MessagesPage.js'));
const QuestionnairePage = lazy(() => import('../features/patient/questionnaires/QuestionnairePage.js'));
const MyDataPage = lazy(() => import('../features/patient/my-data/MyDataPage.js'));

/**
 * The patient app lives under `/app/`, the PWA's scope; the server answers `/app/*` with app/index.html.
 * The trailing slash makes links to the start page `/app/` (inside the scope), not `/app`.
 */
export const patientBasename = '/app/';

/** The start page: the sign-in, or today's program once signed in. */
function Home() {
  return useSession() ? <TodayPage /> : <SignInPage />;
}

/** Screens that need a session send a signed-out visitor to the start page (the sign-in). */
function SignedIn({ children }: { children: ReactNode }) {
  return useSession() ? children : <Navigate to="/" replace />;
}

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
              { index: true, element: <Home /> },
              {
                path: 'exercises/:itemId',
                element: (
                  <SignedIn>
                    <ExercisePage />
                  </SignedIn>
                ),
              },
              {
                path: 'history',
                element: (
                  <SignedIn>
                    <HistoryPage />
                  </SignedIn>
                ),
              },
              {
                path: 'articles/:articleId',
                element: (
                  <SignedIn>
                    <ArticlePage />
                  </SignedIn>
                ),
              },
              {
                path: 'reminders',
                element: (
                  <SignedIn>
                    <RemindersPage />
                  </SignedIn>
                ),
              },
              {
                path: 'messages',
                element: (
                  <SignedIn>
                    <MessagesPage />
                  </SignedIn>
                ),
              },
              {
                path: 'my-data',
                element: (
                  <SignedIn>
                    <MyDataPage />
                  </SignedIn>
                ),
              },
              {
                path: 'questionnaires/:assignmentId',
                element: (
                  <SignedIn>
                    <QuestionnairePage />
                  </SignedIn>
                ),
              },
              {
                path: 'sign-out',
                element: (
                  <SignedIn>
                    <SignOutPage />
                  </SignedIn>
                ),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
    { basename: patientBasename },
  );
}

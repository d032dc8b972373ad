import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../features/account/AccountPage.js';
import { AlertsPage } from '../features/alerts/AlertsPage.js';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage.js';
import { InvitationPage } from '../features/auth/InvitationPage.js';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { SignUpPage } from '../features/auth/SignUpPage.js';
import { VerifyEmailPage } from '../features/auth/VerifyEmailPage.js';
import { ClientPage } from '../features/clients/ClientPage.js';
import { ClientsPage } from '../features/clients/ClientsPage.js';
import { NewClientPage } from '../features/clients/NewClientPage.js';
import { ExerciseEditorPage } from '../features/exercises/ExerciseEditorPage.js';
import { LibraryPage } from '../features/library/LibraryPage.js';
import { ConversationPage } from '../features/messages/ConversationPage.js';
import { MessagesPage } from '../features/messages/MessagesPage.js';
import { NotificationsPage } from '../features/notifications/NotificationsPage.js';
import { CustomMeasureEditorPage } from '../features/outcomes/CustomMeasureEditorPage.js';
import { CustomMeasuresPage } from '../features/outcomes/CustomMeasuresPage.js';
import { OutcomesPage } from '../features/outcomes/OutcomesPage.js';
import { PracticePage } from '../features/practice/PracticePage.js';
import { PrivacyPage } from '../features/privacy/PrivacyPage.js';
import { ProgramBuilderPage } from '../features/programs/ProgramBuilderPage.js';
import { TemplatesPage } from '../features/programs/TemplatesPage.js';
import { RequireSession } from '../features/session/RequireSession.js';
import { NotFoundPage } from '../ui/NotFoundPage.js';
import { RouteErrorPage } from '../ui/RouteErrorPage.js';
import { Layout } from './Layout.js';
import { PublicLayout } from './PublicLayout.js';
import { HomePage } from './pages/HomePage.js';
import { SectionPage } from './pages/SectionPage.js';
import { builtSections, sections } from './sections.js';

/** The workspace's routes, served at `/`; the server answers every other non-API path with index.html. */
export function createWorkspaceRouter() {
  return createBrowserRouter([
    {
      // Reached without a session: signing in and up, and the links sent by mail.
      element: <PublicLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        { path: 'sign-in', element: <SignInPage /> },
        { path: 'sign-up', element: <SignUpPage /> },
        { path: 'forgot-password', element: <ForgotPasswordPage /> },
        { path: 'reset-password', element: <ResetPasswordPage /> },
        { path: 'verify-email', element: <VerifyEmailPage /> },
        { path: 'invitation', element: <InvitationPage /> },
        { path: 'privacy', element: <PrivacyPage /> },
      ],
    },
    {
      path: '/',
      element: (
        <RequireSession>
          <Layout />
        </RequireSession>
      ),
      errorElement: <RouteErrorPage />,
      children: [
        {
          // Page errors render inside the layout, so header and navigation stay usable.
          errorElement: <RouteErrorPage />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'account', element: <AccountPage /> },
            { path: 'practice', element: <PracticePage /> },
            { path: 'clients', element: <ClientsPage /> },
            { path: 'clients/new', element: <NewClientPage /> },
            { path: 'clients/:id', element: <ClientPage /> },
            { path: 'clients/:id/program', element: <ProgramBuilderPage /> },
            { path: 'clients/:id/messages', element: <ConversationPage /> },
            { path: 'clients/:id/outcomes', element: <OutcomesPage /> },
            { path: 'alerts', element: <AlertsPage /> },
            { path: 'notifications', element: <NotificationsPage /> },
            { path: 'messages', element: <MessagesPage /> },
            { path: 'library', element: <LibraryPage /> },
            { path: 'library/exercises/new', element: <ExerciseEditorPage /> },
            { path: 'library/exercises/:id', element: <ExerciseEditorPage /> },
            { path: 'programs', element: <TemplatesPage /> },
            { path: 'outcome-measures', element: <CustomMeasuresPage /> },
            { path: 'outcome-measures/new', element: <CustomMeasureEditorPage /> },
            { path: 'outcome-measures/:id', element: <CustomMeasureEditorPage /> },
            ...sections
              .filter((section) => !builtSections.includes(section))
              .map((section) => ({ path: section, element: <SectionPage section={section} /> })),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}

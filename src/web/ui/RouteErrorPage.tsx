import { isRouteErrorResponse, useHref, useRouteError } from 'react-router';
import { ErrorPanel } from './ErrorPanel.js';
import { NotFoundPage } from './NotFoundPage.js';

/** A route's `errorElement`: a 404 response shows the not-found page, anything else the error page. */
export function RouteErrorPage() {
  const error = useRouteError();
  const homeHref = useHref('/');
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return <ErrorPanel homeHref={homeHref} />;
}

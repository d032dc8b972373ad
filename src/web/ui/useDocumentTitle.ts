import { useEffect } from 'react';

/** Sets the tab title to "<page> · Rehabit" while the calling page is shown. */
export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = `${pageTitle} · Rehabit`;
  }, [pageTitle]);
}

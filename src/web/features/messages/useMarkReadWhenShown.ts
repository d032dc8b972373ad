import { useEffect, useRef } from 'react';
import { usePageVisible } from './conversation.js';

/**
 * Sends the read receipt for the other side's messages up to `upTo` once they are on screen: when
 * the conversation opens, when new ones arrive while it is shown, and when the page comes back into
 * view. Each message is marked once; a failed attempt is tried again with the next change.
 */
export function useMarkReadWhenShown(upTo: string | undefined, mark: (upTo: string) => Promise<unknown>) {
  const visible = usePageVisible();
  const asked = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!upTo || !visible || asked.current === upTo) return;
    asked.current = upTo;
    mark(upTo).catch(() => {
      asked.current = undefined;
    });
  }, [upTo, visible, mark]);
}

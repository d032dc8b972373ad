import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';
import { useSession } from '../session.js';

// The unsent message outlives the screen (a look at today's program, then back), in memory only:
// a message is health data and is not written to the phone unencrypted. It belongs to the session
// that wrote it, so the next person signing in on a shared phone never sees it.
let kept: { token: string; text: string } | undefined;

/** The message being written, kept while the app stays open and the same client is signed in. */
export function useDraft(): [string, Dispatch<SetStateAction<string>>] {
  const token = useSession()?.token;
  const [draft, setDraft] = useState(() => (token && kept?.token === token ? kept.text : ''));
  useEffect(() => {
    kept = token ? { token, text: draft } : undefined;
  }, [token, draft]);
  return [draft, setDraft];
}

import { useState } from 'react';
import { type AddPasskeyProblem, addPasskey } from './passkeyFlow.js';

/** What the last try to add a passkey came to, for the offer and the settings alike. */
export type AddPasskeyNotice =
  | { kind: 'added' }
  | { kind: 'problem'; problem: Exclude<AddPasskeyProblem, 'cancelled'> };

/** Adds a passkey on a tap; a closed prompt leaves no notice behind. */
export function useAddPasskey(onAdded?: () => void) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<AddPasskeyNotice | null>(null);
  const add = async () => {
    setBusy(true);
    setNotice(null);
    // Nothing but the challenge is awaited before the prompt: Safari wants it close to the tap.
    const outcome = await addPasskey();
    setBusy(false);
    if (outcome.ok) {
      setNotice({ kind: 'added' });
      onAdded?.();
    } else if (outcome.problem !== 'cancelled') setNotice({ kind: 'problem', problem: outcome.problem });
  };
  return { add, busy, notice };
}

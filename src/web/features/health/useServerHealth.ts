import { useCallback, useEffect, useState } from 'react';

/** What the workspace knows about the server's liveness (`GET /healthz`). */
export type ServerHealth =
  | { state: 'loading' }
  | { state: 'ok' }
  | { state: 'unexpected'; status: string }
  | { state: 'failed' };

async function fetchHealth(signal: AbortSignal): Promise<ServerHealth> {
  const response = await fetch('/healthz', {
    signal,
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) return { state: 'failed' };
  const body: unknown = await response.json();
  const status =
    typeof body === 'object' && body !== null && 'status' in body ? String(body.status) : 'unknown';
  return status === 'ok' ? { state: 'ok' } : { state: 'unexpected', status };
}

/** Fetches the server's health once on mount and again on `retry()`. */
export function useServerHealth(): { health: ServerHealth; retry: () => void } {
  const [health, setHealth] = useState<ServerHealth>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the re-fetch trigger.
  useEffect(() => {
    const controller = new AbortController();
    setHealth({ state: 'loading' });
    fetchHealth(controller.signal).then(
      (result) => setHealth(result),
      () => {
        if (!controller.signal.aborted) setHealth({ state: 'failed' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { health, retry };
}

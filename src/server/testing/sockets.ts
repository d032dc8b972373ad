import WebSocket from 'ws';

export interface TestSocket {
  socket: WebSocket;
  /** The next message (parsed) that matches, or a rejection after the timeout. */
  next(
    match?: (message: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Every message received so far. */
  received: Record<string, unknown>[];
  /** Resolves with the close code. */
  closed: Promise<number>;
  send(message: object): void;
  close(): void;
}

/** Opens a WebSocket as a browser would (with an Origin), or rejects with the refused upgrade's status. */
export function openSocket(
  url: string,
  options: { origin?: string; cookie?: string } = {},
): Promise<TestSocket> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  const socket = new WebSocket(url, { headers, ...(options.origin ? { origin: options.origin } : {}) });
  const received: Record<string, unknown>[] = [];
  const waiters: {
    match: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    received.push(message);
    const index = waiters.findIndex((waiter) => waiter.match(message));
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`)),
    );
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        received,
        closed,
        send: (message) => socket.send(JSON.stringify(message)),
        close: () => socket.close(),
        next: (match = () => true, timeoutMs = 5000) => {
          const already = received.find(match);
          if (already) {
            received.splice(received.indexOf(already), 1);
            return Promise.resolve(already);
          }
          return new Promise((resolveNext, rejectNext) => {
            const timer = setTimeout(
              () => rejectNext(new Error('no matching socket message in time')),
              timeoutMs,
            );
            waiters.push({
              match,
              resolve: (message) => {
                clearTimeout(timer);
                received.splice(received.indexOf(message), 1);
                resolveNext(message);
              },
            });
          });
        },
      }),
    );
  });
}

/** Waits a little and answers what arrived meanwhile: for asserting that nothing did. */
export async function quietFor(socket: TestSocket, ms = 300) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return [...socket.received];
}

/** What the server says on a socket: that something changed (ids only), or that the app should refetch. */
export interface LiveEvent {
  type: 'ready' | 'resync' | 'message.created' | 'message.read' | 'notification.created';
  clientId?: string;
  id?: string;
}

export interface LiveSocketOptions {
  /** The socket's path, e.g. /api/v1/realtime. */
  path: string;
  /** Sent first once open (the patient app's token); the workspace's cookie goes with the upgrade. */
  hello?: () => object | undefined;
  onEvent(event: LiveEvent): void;
  /** Opened (again): whatever happened meanwhile was missed, so refetch what is shown. */
  onConnected(): void;
  /** The server ended the socket for good (the session is over). */
  onRefused?(): void;
  onConnectionChange?(connected: boolean): void;
}

const CLOSE_UNAUTHENTICATED = 4401;
const MAX_DELAY_MS = 30_000;

/**
 * Keeps a WebSocket open: reconnects with growing, jittered delays (so a restarted server is not hit
 * by every tab at once), and again at once when the browser comes back online. Answers a stop function.
 */
export function openLiveSocket(options: LiveSocketOptions): () => void {
  let socket: WebSocket | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const url = () => {
    const base = new URL(options.path, window.location.href);
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    return base.href;
  };
  const schedule = () => {
    if (stopped) return;
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt += 1;
    timer = setTimeout(connect, delay);
  };
  const connect = () => {
    clearTimeout(timer);
    if (stopped) return;
    const current = new WebSocket(url());
    socket = current;
    current.onopen = () => {
      const hello = options.hello?.();
      if (hello) current.send(JSON.stringify(hello));
    };
    current.onmessage = (message) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(String(message.data)) as LiveEvent;
      } catch {
        return;
      }
      if (event.type === 'ready') {
        attempt = 0;
        options.onConnectionChange?.(true);
        options.onConnected();
      } else if (event.type === 'resync') options.onConnected();
      else options.onEvent(event);
    };
    current.onclose = (closed) => {
      if (socket !== current) return;
      options.onConnectionChange?.(false);
      if (closed.code === CLOSE_UNAUTHENTICATED) {
        options.onRefused?.();
        return;
      }
      schedule();
    };
  };
  const online = () => {
    if (socket?.readyState === WebSocket.CLOSED) {
      attempt = 0;
      connect();
    }
  };
  window.addEventListener('online', online);
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('online', online);
    socket?.close();
  };
}

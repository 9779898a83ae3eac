// The console's live connection: STOMP over WebSocket at /ws (@stomp/stompjs from WebJars), the staff token on
// CONNECT, reconnect with exponential backoff and jitter, and every subscription renewed after a reconnect.
// A refused frame makes the server send an ERROR and close the socket; the reason is reported, then we reconnect.

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

export class Live {
  /**
   * @param {object} stomp the @stomp/stompjs module
   * @param {() => string|null} token the current staff token
   * @param {object} handlers onState(state: 'connecting'|'online'|'offline'), onStompError({code, reason}),
   *   onConnected() (after every (re)connect: callers catch up over REST)
   */
  constructor(stomp, token, handlers) {
    this.token = token;
    this.handlers = handlers;
    this.subscriptions = new Map(); // key -> {destination, handler, subscription}
    this.attempts = 0;
    this.connected = false;
    const url = new URL('/ws', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.client = new stomp.Client({
      brokerURL: url.toString(),
      heartbeatIncoming: 10_000,
      heartbeatOutgoing: 10_000,
      connectionTimeout: 10_000,
      reconnectDelay: BACKOFF_BASE_MS,
      beforeConnect: () => {
        this.client.connectHeaders = { Authorization: `Bearer ${this.token() || ''}` };
        this.handlers.onState('connecting');
      },
      onConnect: () => this.onConnect(),
      onStompError: frame => this.handlers.onStompError({
        code: frame.headers.code || 'error',
        reason: frame.headers.message || frame.body || 'The server refused a command',
      }),
      onWebSocketClose: () => this.onClose(),
      onWebSocketError: () => { },
      debug: () => { },
    });
  }

  start() {
    this.client.activate();
  }

  stop() {
    this.subscriptions.clear();
    return this.client.deactivate();
  }

  onConnect() {
    this.attempts = 0;
    this.connected = true;
    this.client.reconnectDelay = BACKOFF_BASE_MS;
    for (const entry of this.subscriptions.values()) {
      this.open(entry);
    }
    this.handlers.onState('online');
    this.handlers.onConnected();
  }

  onClose() {
    this.connected = false;
    for (const entry of this.subscriptions.values()) {
      entry.subscription = null;
    }
    // stompjs reads reconnectDelay right after this callback: grow it exponentially, with jitter
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 10);
    this.client.reconnectDelay = Math.round(delay * (0.75 + Math.random() * 0.5));
    this.handlers.onState('offline');
  }

  /** Keeps {@code destination} subscribed under {@code key} (now and after every reconnect). */
  subscribe(key, destination, handler) {
    const existing = this.subscriptions.get(key);
    if (existing && existing.destination === destination) {
      existing.handler = handler;
      return;
    }
    this.unsubscribe(key);
    const entry = { destination, handler, subscription: null };
    this.subscriptions.set(key, entry);
    if (this.connected) this.open(entry);
  }

  unsubscribe(key) {
    const entry = this.subscriptions.get(key);
    if (!entry) return;
    this.subscriptions.delete(key);
    if (entry.subscription && this.connected) {
      try {
        entry.subscription.unsubscribe();
      } catch {
        // the socket is closing; nothing to undo
      }
    }
  }

  open(entry) {
    entry.subscription = this.client.subscribe(entry.destination, frame => entry.handler(parse(frame)));
  }

  /** Sends a frame when connected; false when offline. */
  publish(destination, body) {
    if (!this.connected) return false;
    try {
      this.client.publish({ destination, body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json' } });
      return true;
    } catch {
      return false;
    }
  }
}

function parse(frame) {
  try {
    return JSON.parse(frame.body);
  } catch {
    return {};
  }
}

// The live connection of every front end: STOMP over WebSocket at /ws (@stomp/stompjs from WebJars), a bearer token
// on CONNECT, reconnect with exponential backoff and jitter, and every subscription renewed after a reconnect (the
// caller then catches up over REST: paging.js). A refused frame makes the server send an ERROR and close the
// socket; the reason is reported, then we reconnect.

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;

/** The delay before reconnect attempt {@code attempt} (0-based): doubling from 1 s up to 30 s, ±25 % jitter. */
export function backoff(attempt, random = Math.random) {
  const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 10));
  return Math.round(delay * (0.75 + random() * 0.5));
}

export class Connection {
  /**
   * @param {object} stomp the @stomp/stompjs module (anything with a compatible Client)
   * @param {object} options
   * @param {string} options.server the Parley server (its origin is enough)
   * @param {() => (string|null|Promise<string|null>)} options.token the bearer token for CONNECT
   * @param {(state: 'connecting'|'online'|'offline', info: {attempts: number, wasConnected: boolean}) => void} [options.onState]
   * @param {() => void} [options.onConnected] after every (re)connect, once the subscriptions are renewed
   * @param {(error: {code: string, reason: string}) => void} [options.onStompError] an ERROR frame
   */
  constructor(stomp, { server, token, onState = () => { }, onConnected = () => { }, onStompError = () => { } }) {
    this.token = token;
    this.handlers = { onState, onConnected, onStompError };
    this.subscriptions = new Map(); // key -> {destination, handler, subscription}
    this.attempts = 0;
    this.connected = false;
    const url = new URL('/ws', server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.client = new stomp.Client({
      brokerURL: url.toString(),
      heartbeatIncoming: 10_000,
      heartbeatOutgoing: 10_000,
      connectionTimeout: 10_000,
      reconnectDelay: BACKOFF_BASE_MS,
      beforeConnect: () => this.beforeConnect(),
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

  async beforeConnect() {
    this.handlers.onState('connecting', this.info(false));
    let token = null;
    try {
      token = await this.token();
    } catch {
      // no token (offline, or the server refuses a session): the connect fails and the backoff tries again
    }
    this.client.connectHeaders = token ? { Authorization: `Bearer ${token}` } : {};
  }

  onConnect() {
    this.attempts = 0;
    this.connected = true;
    this.client.reconnectDelay = BACKOFF_BASE_MS;
    for (const entry of this.subscriptions.values()) {
      this.open(entry);
    }
    this.handlers.onState('online', this.info(true));
    this.handlers.onConnected();
  }

  onClose() {
    const wasConnected = this.connected;
    this.connected = false;
    for (const entry of this.subscriptions.values()) {
      entry.subscription = null;
    }
    // stompjs reads reconnectDelay right after this callback
    this.client.reconnectDelay = backoff(this.attempts);
    this.attempts = Math.min(this.attempts + 1, 10);
    this.handlers.onState('offline', this.info(wasConnected));
  }

  info(wasConnected) {
    return { attempts: this.attempts, wasConnected };
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

  has(key) {
    return this.subscriptions.has(key);
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

  /** Sends a frame when connected; false when offline (the caller keeps it for later). */
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

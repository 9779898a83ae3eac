// The live connection: STOMP over WebSocket at /ws (through @stomp/stompjs), bearer token on CONNECT, reconnect with
// exponential backoff. Subscribes to the acks and errors queues and to the topics of the conversations it is given.

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 30_000;
const ACCESS_ERRORS = new Set(['conversation_forbidden', 'conversation_not_found']);

export class Connection {
  /**
   * @param {object} stomp the @stomp/stompjs module
   * @param {import('./api.js').Api} api
   * @param {object} handlers onConnected(), onDisconnected(), onTopic(conversationId, event), onAck(ack), onError(error)
   */
  constructor(stomp, api, handlers) {
    this.stomp = stomp;
    this.api = api;
    this.handlers = handlers;
    this.topics = new Map(); // conversationId -> subscription (or null until connected)
    this.attempts = 0;
    this.connected = false;
    const url = new URL('/ws', api.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.client = new stomp.Client({
      brokerURL: url.toString(),
      heartbeatIncoming: 10_000,
      heartbeatOutgoing: 10_000,
      connectionTimeout: 10_000,
      reconnectDelay: BACKOFF_BASE_MS,
      beforeConnect: () => this.beforeConnect(),
      onConnect: () => this.onConnect(),
      onStompError: frame => this.onStompError(frame),
      onWebSocketClose: () => this.onClose(),
      onWebSocketError: () => { },
      debug: () => { },
    });
  }

  start() {
    this.client.activate();
  }

  stop() {
    this.client.deactivate();
  }

  async beforeConnect() {
    try {
      const session = await this.api.ensureSession();
      this.client.connectHeaders = { Authorization: `Bearer ${session.token}` };
    } catch (e) {
      // no session (offline, or the server refuses): the connect fails and the backoff tries again
      this.client.connectHeaders = {};
    }
  }

  onConnect() {
    this.attempts = 0;
    this.connected = true;
    this.client.reconnectDelay = BACKOFF_BASE_MS;
    this.client.subscribe('/user/queue/acks', frame => this.handlers.onAck(parse(frame)));
    this.client.subscribe('/user/queue/errors', frame => this.handlers.onError(parse(frame)));
    for (const id of this.topics.keys()) {
      this.subscribeTopic(id);
    }
    this.handlers.onConnected();
  }

  onClose() {
    const wasConnected = this.connected;
    this.connected = false;
    for (const id of this.topics.keys()) {
      this.topics.set(id, null);
    }
    // stompjs reads reconnectDelay right after this callback: grow it exponentially, with jitter
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 10);
    this.client.reconnectDelay = Math.round(delay * (0.75 + Math.random() * 0.5));
    if (wasConnected || this.attempts > 1) {
      this.handlers.onDisconnected();
    }
  }

  onStompError(frame) {
    const code = frame.headers.code;
    if (code === 'unauthorized') {
      this.api.invalidate(); // expired token: the next connect starts a new session
    }
    if (ACCESS_ERRORS.has(code)) {
      // a conversation we may not watch (deleted, or moved to another customer): stop asking for it
      const match = /conversation ([0-9a-f-]{36})/i.exec(frame.headers.message || frame.body || '');
      if (match) this.topics.delete(match[1]);
    }
  }

  /** Watches a conversation's topic, now and after every reconnect. */
  watch(conversationId) {
    if (!this.topics.has(conversationId)) {
      this.topics.set(conversationId, null);
      if (this.connected) this.subscribeTopic(conversationId);
    }
  }

  subscribeTopic(conversationId) {
    const subscription = this.client.subscribe(`/topic/conversations/${conversationId}`,
      frame => this.handlers.onTopic(conversationId, parse(frame)));
    this.topics.set(conversationId, subscription);
  }

  /** Sends a frame when connected; false when offline (the caller keeps it for later). */
  publish(destination, body) {
    if (!this.connected) return false;
    try {
      this.client.publish({ destination, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
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

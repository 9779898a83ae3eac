// Test doubles for the shared front-end modules: a STOMP client with the @stomp/stompjs surface they use, a clock,
// and fetch responses.

export class FakeStompClient {
  constructor(config) {
    Object.assign(this, config);
    this.subscriptions = [];
    this.published = [];
    this.active = false;
    FakeStompClient.last = this;
  }

  activate() { this.active = true; }
  deactivate() { this.active = false; return Promise.resolve(); }

  subscribe(destination, callback) {
    const subscription = { destination, callback, unsubscribed: false, unsubscribe() { this.unsubscribed = true; } };
    this.subscriptions.push(subscription);
    return subscription;
  }

  publish(frame) { this.published.push(frame); }

  /** What stompjs does on a successful CONNECT. */
  async connect() {
    await this.beforeConnect();
    this.onConnect();
  }

  /** The socket closed (network down, or after an ERROR frame). */
  drop() { this.onWebSocketClose(); }

  /** A frame on the subscriptions to {@code destination} that are still open. */
  deliver(destination, body) {
    for (const s of this.subscriptions) {
      if (s.destination === destination && !s.unsubscribed) s.callback({ body: JSON.stringify(body) });
    }
  }
}

export const fakeStomp = { Client: FakeStompClient };

export function clock(start = 1_000_000) {
  let now = start;
  const fn = () => now;
  fn.advance = ms => { now += ms; };
  return fn;
}

/** A fetch that answers from {@code answers} in order and records every request. */
export function fakeFetch(...answers) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, ...init, headers: { ...(init && init.headers) } });
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    const { status = 200, body = null } = answer || {};
    const text = body === null ? '' : JSON.stringify(body);
    return { status, ok: status >= 200 && status < 300, text: async () => text, json: async () => JSON.parse(text) };
  };
  fn.calls = calls;
  return fn;
}

// Widget session and REST calls (docs/API.md). The session (token, visitorId) is kept in localStorage per server,
// and re-created when the token expires or the server answers 401.

const EXPIRY_MARGIN_MS = 60_000;

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.code = problem && problem.code;
    this.problem = problem;
  }
}

export class Api {
  /**
   * @param {object} config server, userId, userHash, name, email, locale
   * @param {Storage} storage where the session is kept (localStorage)
   */
  constructor(config, storage) {
    this.config = config;
    this.storage = storage;
    this.server = config.server.replace(/\/+$/, '');
    const who = config.userId ? `user:${config.userId}` : 'visitor';
    this.sessionKey = `parley:${this.server}:session:${who}`;
    this.visitorKey = `parley:${this.server}:visitorId`;
    this.pendingSession = null;
    this.session = this.readJson(this.sessionKey);
  }

  readJson(key) {
    try {
      return JSON.parse(this.storage.getItem(key) || 'null');
    } catch {
      return null;
    }
  }

  /** A valid session: the stored one, or a new one from POST /api/widget/sessions. */
  async ensureSession() {
    if (this.session && this.session.token && !this.expiresSoon(this.session)) {
      return this.session;
    }
    return this.newSession();
  }

  expiresSoon(session) {
    if (!session.expiresAt) {
      return false;
    }
    return Date.parse(session.expiresAt) - EXPIRY_MARGIN_MS < Date.now();
  }

  /** Forgets the token (not the visitor): the next call starts a fresh session for the same visitor. */
  invalidate() {
    this.session = null;
    this.storage.removeItem(this.sessionKey);
  }

  newSession() {
    if (!this.pendingSession) {
      this.pendingSession = this.createSession().finally(() => { this.pendingSession = null; });
    }
    return this.pendingSession;
  }

  async createSession() {
    const { userId, userHash, name, email, locale, company } = this.config;
    const body = { locale };
    const visitorId = this.storage.getItem(this.visitorKey);
    if (visitorId) body.visitorId = visitorId;
    if (userId) { body.userId = userId; body.userHash = userHash; }
    if (name) body.name = name;
    if (email) body.email = email;
    if (company) body.company = company;
    let response = await this.post('/api/widget/sessions', body);
    if (response.status === 400 && body.visitorId) {
      // a stored visitor id the server no longer accepts: start over as a new visitor
      this.storage.removeItem(this.visitorKey);
      delete body.visitorId;
      response = await this.post('/api/widget/sessions', body);
    }
    if (!response.ok) {
      throw new ApiError(response.status, await problem(response));
    }
    const session = await response.json();
    this.session = { token: session.token, expiresAt: session.expiresAt, visitorId: session.visitorId, customer: session.customer };
    this.storage.setItem(this.sessionKey, JSON.stringify(this.session));
    if (session.visitorId) {
      this.storage.setItem(this.visitorKey, session.visitorId);
    }
    return this.session;
  }

  post(path, body) {
    return fetch(this.server + path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
  }

  /** An authenticated JSON call; a 401 starts a new session and retries once. */
  async call(method, path, body) {
    for (let attempt = 0; ; attempt++) {
      const session = await this.ensureSession();
      const headers = { Authorization: `Bearer ${session.token}` };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(this.server + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status === 401 && attempt === 0) {
        this.invalidate();
        continue;
      }
      if (!response.ok) {
        throw new ApiError(response.status, await problem(response));
      }
      return response.status === 204 ? null : response.json();
    }
  }

  conversations() {
    return this.call('GET', '/api/widget/conversations');
  }

  conversation(id) {
    return this.call('GET', `/api/widget/conversations/${encodeURIComponent(id)}`);
  }

  startConversation(locale) {
    return this.call('POST', '/api/widget/conversations', { locale });
  }

  /** Every message after {@code after}, following hasMore page by page. */
  async messagesAfter(id, after) {
    const messages = [];
    let cursor = after;
    for (let page = 0; page < 50; page++) {
      const result = await this.call('GET', `/api/widget/conversations/${encodeURIComponent(id)}/messages?after=${cursor}`);
      messages.push(...result.messages);
      if (!result.hasMore || result.messages.length === 0) break;
      cursor = result.messages[result.messages.length - 1].seq;
    }
    return messages;
  }

  /** CSAT: 1 to 5 stars for a resolved conversation. */
  rate(id, score, comment) {
    return this.call('POST', `/api/widget/conversations/${encodeURIComponent(id)}/rating`, comment ? { score, comment } : { score });
  }

  /** The email address to be answered at (out of hours). */
  contact(id, email) {
    return this.call('POST', `/api/widget/conversations/${encodeURIComponent(id)}/contact`, { email });
  }

  markRead(id, seq) {
    return this.call('POST', `/api/widget/conversations/${encodeURIComponent(id)}/read`, { seq });
  }
}

async function problem(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

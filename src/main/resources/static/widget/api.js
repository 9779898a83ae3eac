// Widget session and REST calls (docs/API.md). The session (token, visitorId) is kept in localStorage per server,
// and re-created when the token expires or the server answers 401.

import { ApiError, Client, id, request } from '../common/api.js';
import { messagesAfter } from '../common/paging.js';
import { identityKey } from './identity.js';

export { ApiError };

const EXPIRY_MARGIN_MS = 60_000;

export class Api {
  /**
   * @param {object} config server, jwt (a signed identity) or userId + userHash, name, email, locale
   * @param {Storage} storage where the session is kept (localStorage)
   */
  constructor(config, storage) {
    this.config = config;
    this.storage = storage;
    this.server = config.server.replace(/\/+$/, '');
    const who = identityKey(config);
    this.sessionKey = `parley:${this.server}:session:${who}`;
    this.visitorKey = `parley:${this.server}:visitorId`;
    this.pendingSession = null;
    this.session = this.readJson(this.sessionKey);
    // a 401 means the token expired: start a new session for the same visitor and try once more
    this.client = new Client({
      base: this.server,
      token: async () => (await this.ensureSession()).token,
      unauthorized: () => { this.invalidate(); return true; },
    });
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
    const { jwt, userId, userHash, name, email, locale, company } = this.config;
    const body = { locale };
    const visitorId = this.storage.getItem(this.visitorKey);
    if (visitorId) body.visitorId = visitorId;
    if (jwt) body.jwt = jwt;
    else if (userId) { body.userId = userId; body.userHash = userHash; }
    if (name) body.name = name;
    if (email) body.email = email;
    if (company) body.company = company;
    let session;
    try {
      session = await this.post('/api/widget/sessions', body);
    } catch (e) {
      if (e.status !== 400 || !body.visitorId) throw e;
      // a stored visitor id the server no longer accepts: start over as a new visitor
      this.storage.removeItem(this.visitorKey);
      delete body.visitorId;
      session = await this.post('/api/widget/sessions', body);
    }
    this.session = { token: session.token, expiresAt: session.expiresAt, visitorId: session.visitorId, customer: session.customer };
    this.storage.setItem(this.sessionKey, JSON.stringify(this.session));
    if (session.visitorId) {
      this.storage.setItem(this.visitorKey, session.visitorId);
    }
    return this.session;
  }

  /**
   * Follows a mail's signed link (POST /api/widget/mail-link): an anonymous visitor's session comes back with it and
   * is kept like one from POST /api/widget/sessions; an identified customer keeps the session the host application gives.
   */
  async openMailLink(link) {
    const opened = await this.post('/api/widget/mail-link', { link });
    if (opened.token) {
      this.session = { token: opened.token, expiresAt: opened.expiresAt, visitorId: opened.visitorId, customer: opened.customer };
      this.storage.setItem(this.sessionKey, JSON.stringify(this.session));
      if (opened.visitorId) this.storage.setItem(this.visitorKey, opened.visitorId);
    }
    return opened;
  }

  /** What the server can do by email: {email, replies, knownEmail}; the widget promises email only when email is true. */
  mailCapabilities() {
    return this.call('GET', '/api/widget/mail');
  }

  /** Mails the conversation to the customer's known address; resolves to {email}. */
  transcript(conversationId) {
    return this.call('POST', `/api/widget/conversations/${id(conversationId)}/transcript`);
  }

  post(path, body) {
    return request('POST', this.server + path, { body });
  }

  /** An authenticated JSON call; a 401 starts a new session and retries once. */
  call(method, path, body) {
    return this.client.call(method, path, body);
  }

  conversations() {
    return this.call('GET', '/api/widget/conversations');
  }

  conversation(conversationId) {
    return this.call('GET', `/api/widget/conversations/${id(conversationId)}`);
  }

  startConversation(locale) {
    return this.call('POST', '/api/widget/conversations', { locale });
  }

  /** Every message after {@code after}, following hasMore page by page. */
  messagesAfter(conversationId, after) {
    return messagesAfter(cursor => this.call('GET', `/api/widget/conversations/${id(conversationId)}/messages?after=${cursor}`), after);
  }

  /** CSAT: 1 to 5 stars for a resolved conversation. */
  rate(conversationId, score, comment) {
    return this.call('POST', `/api/widget/conversations/${id(conversationId)}/rating`, comment ? { score, comment } : { score });
  }

  /** The email address to be answered at (out of hours). */
  contact(conversationId, email) {
    return this.call('POST', `/api/widget/conversations/${id(conversationId)}/contact`, { email });
  }

  markRead(conversationId, seq) {
    return this.call('POST', `/api/widget/conversations/${id(conversationId)}/read`, { seq });
  }
}

// The Parley customer widget: launcher, conversation list, message view and composer in a Shadow DOM, talking to
// the server over REST (history, lists) and STOMP (live messages, typing, read state). See docs/API.md.

import { Api } from './api.js';
import { forgetStored, identityKey, withIdentity } from './identity.js';
import { Connection } from '../common/connection.js';
import { Outbox } from '../common/outbox.js';
import { singleFlight } from '../common/paging.js';
import { h } from '../common/dom.js';
import { loadTranslator, resolveLanguage } from '../common/i18n.js';
import { createMarkdown } from '../common/markdown.js';
import { icon } from './icons.js';
import { MessageRenderer } from './render.js';

const ROOT = new URL('../', import.meta.url); // the Parley server that serves this file
const TYPING_THROTTLE_MS = 3000;
const TYPING_IDLE_MS = 4000;
const TYPING_SHOWN_MS = 8000;
const MAX_WATCHED = 25;
// a conversation we may not watch (deleted, or moved to another customer): stop asking for it
const ACCESS_ERRORS = new Set(['conversation_forbidden', 'conversation_not_found']);

/**
 * Parley.identify / Parley.logout: takes the mounted widget down, forgets what this browser kept for it (on a
 * logout the visitor id too, so a shared device never shows or merges the previous user's threads) and mounts a
 * fresh one for {@code identity} (none: a new anonymous visitor). Returns the new config and public API.
 */
export async function switchIdentity(current, config, identity, { keepVisitor = false } = {}) {
  if (current && current.destroy) await current.destroy();
  const next = withIdentity(config, identity);
  const server = String(next.server || ROOT.origin).replace(/\/+$/, '');
  // a visitor id is worth keeping only from an anonymous visitor signing in, never from one user to the next
  const anonymousBefore = !(config.jwt || config.userId);
  forgetStored(server, { local: localStorage, session: sessionStorage, keepVisitor: keepVisitor && anonymousBefore });
  return { config: next, api: await mount(next) };
}

/** Mounts the widget into the page; returns its public API. */
export async function mount(config = {}) {
  const server = String(config.server || ROOT.origin).replace(/\/+$/, '');
  const [stomp, markedModule, purifyModule, t] = await Promise.all([
    import(new URL('webjars/stomp__stompjs/esm6/index.js', ROOT)),
    import(new URL('webjars/marked/lib/marked.esm.js', ROOT)),
    import(new URL('webjars/dompurify/dist/purify.es.mjs', ROOT)),
    loadTranslator(ROOT, config.locale),
  ]);
  const markdown = createMarkdown(markedModule.marked, purifyModule.default);
  const widget = new Widget({ ...config, server }, { stomp, markdown }, t);
  await widget.start();
  return widget.publicApi();
}

class Widget {
  constructor(config, libs, t) {
    this.config = { ...config, locale: t.locale };
    this.libs = libs;
    this.t = t;
    this.api = new Api(this.config, localStorage);
    const who = identityKey(config);
    this.outboxKey = `parley:${this.api.server}:outbox:${who}`;
    this.titlesKey = `parley:${this.api.server}:titles:${who}`;
    this.uiKey = `parley:${this.api.server}:ui`;
    this.summaries = new Map(); // conversation id -> summary from GET /api/widget/conversations, kept live
    this.threads = new Map(); // conversation id -> loaded thread
    this.open = false;
    this.view = 'list'; // list | thread
    this.current = null; // conversation id, or null for a new (draft) conversation
    this.status = 'connecting';
    this.lastTypingSent = 0;
    this.rendered = new Map(); // key -> {signature, element} of the visible message list
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------

  async start() {
    this.buildShell();
    await this.stylesLoaded;
    const ui = this.readUi();
    this.connection = new Connection(this.libs.stomp, {
      server: this.api.server,
      token: async () => (await this.api.ensureSession()).token,
      onState: (state, info) => {
        // the first failed attempt is not news: the widget only says "offline" once it was online or keeps failing
        if (state === 'offline' && (info.wasConnected || info.attempts > 1)) this.setStatus('offline');
      },
      onConnected: () => this.onConnected(),
      onStompError: error => this.onStompError(error),
    });
    this.connection.subscribe('acks', '/user/queue/acks', ack => this.onAck(ack));
    this.connection.subscribe('errors', '/user/queue/errors', error => this.onSendError(error));
    this.outbox = new Outbox(this.connection, {
      destination: entry => `/app/conversations/${entry.conversationId}/messages`,
      body: entry => ({ clientMessageId: entry.clientMessageId, text: entry.text }),
      store: this.outboxStore(),
      onRefused: entry => { if (this.isVisible(entry.conversationId)) this.renderMessages(); },
    });
    const mailed = await this.followMailLink();
    try {
      await this.api.ensureSession();
      await this.loadConversations();
      this.mail = await this.api.mailCapabilities().catch(() => ({ email: false }));
    } catch (e) {
      this.setStatus(e && e.status === 401 ? 'unavailable' : 'offline');
    }
    if (mailed && this.summaries.has(mailed)) {
      ui.current = mailed;
      ui.open = true;
    }
    this.connection.start();
    this.resendTimer = setInterval(() => this.outbox.tick(), 2000);
    this.onVisibility = () => this.markReadIfVisible();
    document.addEventListener('visibilitychange', this.onVisibility);
    if (ui.current && this.summaries.has(ui.current)) {
      this.current = ui.current;
      this.view = 'thread';
      this.loadThread(ui.current);
    }
    if (ui.open) this.setOpen(true, false);
    this.render();
  }

  /**
   * A page opened from a mail carries ?parley-conversation=...&parley-link=... (a signed link): the widget takes the
   * conversation back (an anonymous visitor gets their session from the link) and removes the link from the address
   * bar, so it is not bookmarked or shared by accident. @return the conversation id, or null
   */
  async followMailLink() {
    const params = new URLSearchParams(window.location.search);
    const link = params.get('parley-link');
    if (!link) return null;
    params.delete('parley-link');
    params.delete('parley-conversation');
    const query = params.toString();
    window.history.replaceState(window.history.state, '', window.location.pathname + (query ? `?${query}` : '') + window.location.hash);
    try {
      return (await this.api.openMailLink(link)).conversationId;
    } catch {
      this.flash(this.t('linkExpired'));
      return null;
    }
  }

  /** The transcript button: the conversation goes to the customer's known address; the outcome is flashed. */
  async emailTranscript() {
    if (!this.current) return;
    try {
      const sent = await this.api.transcript(this.current);
      this.flash(this.t('transcriptSent', { email: sent.email }));
    } catch (e) {
      const code = e && e.code;
      this.flash(code === 'no_known_email' ? this.t('transcriptNoEmail')
        : code === 'too_many_transcripts' ? this.t('transcriptTooMany') : this.t('errorStart'));
    }
  }

  publicApi() {
    return {
      open: () => this.setOpen(true),
      close: () => this.setOpen(false),
      toggle: () => this.setOpen(!this.open),
      setLocale: locale => this.setLocale(locale),
      locale: () => this.config.locale,
      destroy: () => this.destroy(),
    };
  }

  /** Takes the widget off the page: no socket, no timers, no shadow host left behind. */
  async destroy() {
    clearInterval(this.resendTimer);
    clearTimeout(this.typingIdle);
    clearTimeout(this.flashTimer);
    this.threads.forEach(thread => clearTimeout(thread.typingTimer));
    if (this.onVisibility) document.removeEventListener('visibilitychange', this.onVisibility);
    this.host.remove();
    if (this.connection) await this.connection.stop();
  }

  async setLocale(locale) {
    if (resolveLanguage(locale) === this.config.locale) return;
    this.t = await loadTranslator(ROOT, locale);
    this.config.locale = this.t.locale;
    this.renderer = null;
    this.rendered.clear();
    this.messageList.replaceChildren();
    this.applyLocale();
    this.render();
  }

  async onConnected() {
    this.setStatus('online');
    try {
      await this.loadConversations();
      await Promise.all([...this.threads.keys()].map(id => this.catchUp(id)));
    } catch {
      // a failed refresh is retried at the next reconnect; live events keep flowing meanwhile
    }
    this.outbox.flush();
    this.markReadIfVisible();
  }

  setStatus(status) {
    this.status = status;
    this.renderHeader();
  }

  // ---- data ------------------------------------------------------------------------------------------------

  async loadConversations() {
    const list = await this.api.conversations();
    for (const summary of list) {
      const known = this.summaries.get(summary.id);
      this.summaries.set(summary.id, known && known.lastSeq > summary.lastSeq ? known : summary);
    }
    this.sortedSummaries().slice(0, MAX_WATCHED).forEach(s => this.watch(s.id));
    this.render();
  }

  sortedSummaries() {
    return [...this.summaries.values()].sort((a, b) =>
      String(b.lastMessageAt || b.createdAt).localeCompare(String(a.lastMessageAt || a.createdAt)));
  }

  thread(id) {
    let thread = this.threads.get(id);
    if (!thread) {
      thread = {
        id, messages: new Map(), ids: new Set(), clientIds: new Set(), lastSeq: 0, maxSeq: 0, agentReadSeq: 0,
        customerReadSeq: 0, readSent: 0, typing: null, loaded: false,
      };
      thread.catchUp = singleFlight(async () => this.addMessages(id, await this.api.messagesAfter(id, thread.lastSeq), false));
      this.threads.set(id, thread);
    }
    return thread;
  }

  async loadThread(id) {
    const thread = this.thread(id);
    this.watch(id);
    if (thread.loaded) return;
    try {
      const conversation = await this.api.conversation(id);
      thread.agentReadSeq = Math.max(thread.agentReadSeq, conversation.agentReadSeq || 0);
      thread.customerReadSeq = Math.max(thread.customerReadSeq, conversation.customerReadSeq || 0);
      await this.catchUp(id);
      thread.loaded = true;
    } catch {
      // shown as loading; the next reconnect catches up
    }
    this.render();
    this.markReadIfVisible();
  }

  /** Fetches everything after the last contiguous seq; one fetch at a time per thread. */
  catchUp(id) {
    return this.thread(id).catchUp();
  }

  /** Watches a conversation's topic, now and after every reconnect. */
  watch(id) {
    if (!this.connection.has(`topic:${id}`)) {
      this.connection.subscribe(`topic:${id}`, `/topic/conversations/${id}`, event => this.onTopic(id, event));
    }
  }

  onStompError(error) {
    if (error.code === 'unauthorized') this.api.invalidate(); // expired token: the next connect starts a new session
    if (ACCESS_ERRORS.has(error.code)) {
      const match = /conversation ([0-9a-f-]{36})/i.exec(error.reason);
      if (match) this.connection.unsubscribe(`topic:${match[1]}`);
    }
  }

  /** Adds messages by seq, never twice; a seq beyond the next expected one fetches the gap. */
  addMessages(id, messages, live) {
    const thread = this.thread(id);
    let added = false;
    for (const message of messages) {
      if (!message || typeof message.seq !== 'number') continue;
      if (thread.messages.has(message.seq) || thread.ids.has(message.id)) continue;
      thread.messages.set(message.seq, message);
      thread.ids.add(message.id);
      if (message.clientMessageId) {
        thread.clientIds.add(message.clientMessageId);
        this.outbox.delivered(message.clientMessageId);
      }
      thread.maxSeq = Math.max(thread.maxSeq, message.seq);
      added = true;
    }
    while (thread.messages.has(thread.lastSeq + 1)) thread.lastSeq++;
    if (thread.maxSeq > thread.lastSeq && live) {
      this.catchUp(id).catch(() => { });
    }
    if (added) {
      this.updateSummaryFrom(id, thread);
      if (this.isVisible(id)) {
        this.renderMessages();
        this.markReadIfVisible();
      }
    }
  }

  updateSummaryFrom(id, thread) {
    const newest = thread.messages.get(thread.maxSeq);
    const summary = this.summaries.get(id);
    if (newest && summary && summary.lastSeq <= newest.seq) {
      summary.lastMessage = newest;
      summary.lastSeq = newest.seq;
      summary.lastMessageAt = newest.createdAt;
    }
  }

  onTopic(id, event) {
    if (!event || !event.type) return;
    const thread = this.thread(id);
    if (event.type === 'message' && event.message) {
      const message = event.message;
      const summary = this.summaries.get(id);
      const fromSupport = message.author && message.author.type !== 'customer';
      if (summary && message.seq > summary.lastSeq) {
        summary.lastSeq = message.seq;
        summary.lastMessage = message;
        summary.lastMessageAt = message.createdAt;
        if (fromSupport && !this.isVisible(id)) summary.unreadCount = (summary.unreadCount || 0) + 1;
      }
      if (fromSupport && thread.typing) thread.typing = null;
      if (thread.loaded || thread.messages.size) {
        this.addMessages(id, [message], true);
      }
      this.renderList();
      this.renderBadge();
      this.renderTyping();
    } else if (event.type === 'typing') {
      if (event.author && event.author.type !== 'customer') {
        clearTimeout(thread.typingTimer);
        thread.typing = event.typing ? { name: event.author.name || this.renderer?.authorName(event.author) } : null;
        if (event.typing) thread.typingTimer = setTimeout(() => { thread.typing = null; this.renderTyping(); }, TYPING_SHOWN_MS);
        this.renderTyping();
      }
    } else if (event.type === 'read') {
      if (event.reader === 'customer') {
        thread.customerReadSeq = Math.max(thread.customerReadSeq, event.seq || 0);
        const summary = this.summaries.get(id);
        if (summary && thread.customerReadSeq >= summary.lastSeq) summary.unreadCount = 0;
        this.renderList();
        this.renderBadge();
      } else {
        thread.agentReadSeq = Math.max(thread.agentReadSeq, event.seq || 0);
        if (this.isVisible(id)) this.renderMessages();
      }
    }
    // "status" events need no notice of their own: every ownership change also arrives as a stored system message
    // ("You're now chatting with Dana"), which survives reloads and is never shown twice.
  }

  onAck(ack) {
    if (!ack || !ack.clientMessageId) return;
    this.outbox.delivered(ack.clientMessageId);
    const thread = this.threads.get(ack.conversationId);
    if (thread) {
      thread.clientIds.add(ack.clientMessageId);
      if (!thread.messages.has(ack.seq)) this.catchUp(ack.conversationId).catch(() => { });
    }
    if (this.isVisible(ack.conversationId)) this.renderMessages();
  }

  /** A refused send: "unavailable" is retried by the outbox (same clientMessageId); anything else is shown. */
  onSendError(error) {
    const outcome = this.outbox.refused(error);
    if (!outcome && error && error.code) this.flash(this.renderer_().errorText(error));
  }

  // ---- sending ---------------------------------------------------------------------------------------------

  /** The outbox survives a reload in localStorage (per server and customer). */
  outboxStore() {
    return {
      load: () => {
        try {
          const entries = JSON.parse(localStorage.getItem(this.outboxKey) || '[]');
          return Array.isArray(entries) ? entries : [];
        } catch {
          return [];
        }
      },
      save: entries => {
        if (entries.length) localStorage.setItem(this.outboxKey, JSON.stringify(entries));
        else localStorage.removeItem(this.outboxKey);
      },
    };
  }

  async send(text) {
    text = String(text || '').trim();
    if (!text) return false;
    let id = this.current;
    if (!id) {
      try {
        this.composerBusy(true);
        const started = await this.api.startConversation(this.config.locale);
        id = started.conversation.id;
        this.summaries.set(id, { ...started.conversation, lastMessage: null, unreadCount: 0 });
        this.current = id;
        this.saveUi();
        const thread = this.thread(id);
        thread.loaded = true;
        this.watch(id);
      } catch {
        this.flash(this.t('errorStart'));
        return false;
      } finally {
        this.composerBusy(false);
      }
    }
    this.rememberTitle(id, text);
    this.outbox.add({ conversationId: id, clientMessageId: newId(), text, createdAt: new Date().toISOString() });
    this.sendTyping(false);
    this.render();
    this.scrollToEnd(true);
    return true;
  }

  /** A thread without a subject is listed by its first message; the list API only has the last one. */
  rememberTitle(id, text) {
    const titles = this.titles();
    if (titles[id] || (this.threads.get(id)?.messages.size ?? 0) > 0) return;
    titles[id] = preview(text, 80);
    const ids = Object.keys(titles);
    if (ids.length > 50) delete titles[ids[0]];
    localStorage.setItem(this.titlesKey, JSON.stringify(titles));
  }

  titles() {
    try {
      return JSON.parse(localStorage.getItem(this.titlesKey) || '{}') || {};
    } catch {
      return {};
    }
  }

  dismiss(entry) {
    this.outbox.remove(entry.clientMessageId);
    this.renderMessages();
    this.composer.focus();
  }

  sendTyping(typing) {
    if (!this.current) return;
    clearTimeout(this.typingIdle);
    if (typing) {
      if (Date.now() - this.lastTypingSent > TYPING_THROTTLE_MS) {
        this.connection.publish(`/app/conversations/${this.current}/typing`, { typing: true });
        this.lastTypingSent = Date.now();
      }
      this.typingIdle = setTimeout(() => this.sendTyping(false), TYPING_IDLE_MS);
    } else if (this.lastTypingSent) {
      this.connection.publish(`/app/conversations/${this.current}/typing`, { typing: false });
      this.lastTypingSent = 0;
    }
  }

  isVisible(id) {
    return this.open && this.view === 'thread' && this.current === id;
  }

  markReadIfVisible() {
    const id = this.current;
    if (!id || !this.isVisible(id) || document.visibilityState !== 'visible') return;
    const thread = this.threads.get(id);
    if (!thread || !thread.lastSeq) return;
    const seq = thread.lastSeq;
    const summary = this.summaries.get(id);
    if (summary && summary.unreadCount) {
      summary.unreadCount = 0;
      this.renderBadge();
    }
    if (seq <= Math.max(thread.readSent, thread.customerReadSeq)) return;
    thread.readSent = seq;
    if (!this.connection.publish(`/app/conversations/${id}/read`, { seq })) {
      this.api.markRead(id, seq).catch(() => { thread.readSent = 0; });
    }
  }

  // ---- UI state --------------------------------------------------------------------------------------------

  readUi() {
    try {
      return JSON.parse(sessionStorage.getItem(this.uiKey) || '{}') || {};
    } catch {
      return {};
    }
  }

  saveUi() {
    sessionStorage.setItem(this.uiKey, JSON.stringify({ open: this.open, current: this.view === 'thread' ? this.current : null }));
  }

  setOpen(open, focus = true) {
    this.open = open;
    this.saveUi();
    this.render();
    if (open) {
      if (focus) requestAnimationFrame(() => (this.view === 'thread' ? this.composer : this.panel.querySelector('.conversation, .new-conversation'))?.focus());
      this.markReadIfVisible();
      this.scrollToEnd(true);
    } else if (focus) {
      this.launcher.focus();
    }
  }

  showList() {
    this.sendTyping(false);
    this.view = 'list';
    this.current = null;
    this.saveUi();
    this.render();
    this.loadConversations().catch(() => { });
    requestAnimationFrame(() => this.panel.querySelector('.new-conversation')?.focus());
  }

  showThread(id) {
    this.view = 'thread';
    this.current = id;
    this.rendered.clear();
    this.messageList.replaceChildren();
    this.saveUi();
    this.render();
    if (id) this.loadThread(id);
    requestAnimationFrame(() => { this.composer.focus(); this.scrollToEnd(true); });
  }

  // ---- rendering -------------------------------------------------------------------------------------------

  buildShell() {
    this.host = h('div', { id: 'parley-widget', 'data-parley': '' });
    const root = this.host.attachShadow({ mode: 'open' });
    const stylesheet = h('link', { rel: 'stylesheet', href: new URL('widget/parley.css', ROOT).toString() });
    this.stylesLoaded = new Promise(resolve => {
      stylesheet.addEventListener('load', resolve);
      stylesheet.addEventListener('error', resolve);
    });

    this.badge = h('span', { className: 'badge', hidden: true });
    this.launcher = h('button', {
      type: 'button', className: 'launcher', 'aria-haspopup': 'dialog', 'aria-expanded': 'false',
      onclick: () => this.setOpen(!this.open),
    }, icon('chat'), icon('close'), this.badge);

    this.backButton = h('button', { type: 'button', className: 'icon-button back', onclick: () => this.showList() }, icon('back'));
    this.titleEl = h('div', { className: 'title', id: 'parley-title' });
    this.statusEl = h('div', { className: 'status' });
    this.closeButton = h('button', { type: 'button', className: 'icon-button close', onclick: () => this.setOpen(false) }, icon('close'));
    this.transcriptButton = h('button', { type: 'button', className: 'icon-button transcript', hidden: true,
      onclick: () => this.emailTranscript() }, icon('mail'));
    const header = h('header', { className: 'header' }, this.backButton,
      h('div', { className: 'heading' }, this.titleEl, this.statusEl), this.transcriptButton, this.closeButton);

    this.newLabel = h('span');
    this.listBody = h('div', { className: 'list-body' });
    this.listView = h('div', { className: 'list-view' }, this.listBody, h('div', { className: 'list-actions' },
      h('button', { type: 'button', className: 'primary new-conversation', onclick: () => this.showThread(null) }, icon('plus'), this.newLabel)));
    this.messageList = h('div', { className: 'messages', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    this.typingEl = h('div', { className: 'typing', 'aria-live': 'polite', hidden: true });
    this.composer = h('textarea', {
      className: 'composer-input', rows: 1,
      oninput: () => { this.autoGrow(); this.sendTyping(this.composer.value.trim().length > 0); },
      onkeydown: event => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          this.submitComposer();
        }
      },
    });
    this.sendButton = h('button', { type: 'submit', className: 'send' }, icon('send'));
    this.composerForm = h('form', { className: 'composer', onsubmit: event => { event.preventDefault(); this.submitComposer(); } },
      this.composer, this.sendButton);
    this.threadView = h('div', { className: 'thread-view' },
      h('div', { className: 'scroller' }, this.messageList, this.typingEl), this.composerForm);
    this.flashEl = h('div', { className: 'flash', role: 'alert', hidden: true });
    this.footer = h('div', { className: 'footer' });

    this.panel = h('div', { className: 'panel', role: 'dialog', 'aria-labelledby': 'parley-title', hidden: true },
      header, this.flashEl, this.listView, this.threadView, this.footer);
    this.panel.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.setOpen(false);
      }
    });
    this.frame = h('div', { className: 'parley' }, this.panel, this.launcher);
    if (this.config.color) this.frame.style.setProperty('--accent', this.config.color);
    root.append(stylesheet, this.frame);
    this.applyLocale();
    (document.body || document.documentElement).appendChild(this.host);
  }

  applyLocale() {
    this.frame.setAttribute('lang', this.t.locale);
    this.frame.setAttribute('dir', this.t.dir);
    this.host.setAttribute('dir', this.t.dir);
    this.backButton.setAttribute('aria-label', this.t('back'));
    this.closeButton.setAttribute('aria-label', this.t('close'));
    this.transcriptButton.setAttribute('aria-label', this.t('transcript'));
    this.transcriptButton.setAttribute('title', this.t('transcript'));
    this.composer.setAttribute('placeholder', this.t('composerPlaceholder'));
    this.composer.setAttribute('aria-label', this.t('composerLabel'));
    this.sendButton.setAttribute('aria-label', this.t('send'));
    this.footer.textContent = this.t('poweredBy');
  }

  autoGrow() {
    this.composer.style.height = 'auto';
    this.composer.style.height = `${Math.min(this.composer.scrollHeight, 140)}px`;
    this.composer.style.overflowY = this.composer.scrollHeight > 140 ? 'auto' : 'hidden';
  }

  composerBusy(busy) {
    this.composer.disabled = busy;
    this.sendButton.disabled = busy;
  }

  async submitComposer() {
    const text = this.composer.value;
    if (!text.trim()) return;
    this.composer.value = '';
    this.autoGrow();
    const sent = await this.send(text);
    if (!sent) this.composer.value = text;
    this.composer.focus();
  }

  flash(text) {
    this.flashEl.textContent = text;
    this.flashEl.hidden = false;
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => { this.flashEl.hidden = true; }, 6000);
  }

  render() {
    if (!this.frame) return;
    this.frame.classList.toggle('open', this.open);
    this.panel.hidden = !this.open;
    this.launcher.setAttribute('aria-expanded', String(this.open));
    this.launcher.setAttribute('aria-label', this.open ? this.t('launcherClose') : this.t('launcherOpen'));
    this.listView.hidden = this.view !== 'list';
    this.threadView.hidden = this.view !== 'thread';
    this.backButton.hidden = this.view !== 'thread';
    // offered only where the server sends email and there is a conversation to send
    this.transcriptButton.hidden = !(this.view === 'thread' && this.current && this.mail && this.mail.email);
    this.renderHeader();
    this.renderBadge();
    if (this.view === 'list') this.renderList();
    else { this.renderMessages(); this.renderTyping(); }
  }

  renderHeader() {
    if (!this.titleEl) return;
    const summary = this.current && this.summaries.get(this.current);
    this.titleEl.textContent = this.view === 'thread' && summary && summary.subject ? summary.subject
      : this.view === 'thread' ? this.t('title') : this.t('conversations');
    const statusText = { online: this.t('subtitle'), connecting: this.t('connecting'), offline: this.t('offline'), unavailable: this.t('errorSession') }[this.status];
    this.statusEl.textContent = statusText;
    this.statusEl.dataset.state = this.status;
  }

  renderBadge() {
    const unread = [...this.summaries.values()].reduce((sum, s) => sum + (s.unreadCount || 0), 0);
    this.badge.hidden = unread === 0;
    this.badge.textContent = unread > 99 ? '99+' : new Intl.NumberFormat(this.t.locale).format(unread);
    this.badge.setAttribute('aria-label', this.t('unreadTotal', { count: unread }));
  }

  renderList() {
    if (this.view !== 'list' || !this.listView) return;
    const summaries = this.sortedSummaries();
    const items = summaries.map(summary => this.conversationItem(summary));
    // keep the keyboard focus on the same thread when the list is redrawn
    const focused = this.host.shadowRoot.activeElement;
    const focusedId = focused && focused.classList.contains('conversation') ? focused.dataset.id : null;
    this.newLabel.textContent = this.t('newConversation');
    this.listBody.replaceChildren(
      summaries.length
        ? h('ul', { className: 'conversations', 'aria-label': this.t('conversations') }, items)
        : h('div', { className: 'empty' }, h('div', { className: 'empty-icon' }, icon('chat')), h('p', null, this.t('noConversations'))));
    if (focusedId) this.listView.querySelector(`.conversation[data-id="${CSS.escape(focusedId)}"]`)?.focus();
  }

  conversationItem(summary) {
    const last = summary.lastMessage;
    const first = this.threads.get(summary.id)?.messages.get(1);
    const title = summary.subject || this.titles()[summary.id] || (first ? preview(first.text, 80) : null)
      || (last && last.text ? preview(last.text, 80) : this.t('untitled'));
    const prefix = last && last.author ? `${this.renderer_().authorName(last.author)}: ` : '';
    const unread = summary.unreadCount || 0;
    return h('li', null, h('button', {
      type: 'button', className: `conversation${unread ? ' has-unread' : ''}`, dataset: { id: summary.id },
      onclick: () => this.showThread(summary.id),
    },
    h('span', { className: 'conversation-main' },
      h('span', { className: 'conversation-title' }, title),
      last ? h('span', { className: 'conversation-preview' }, prefix + preview(last.text, 80)) : null),
    h('span', { className: 'conversation-side' },
      h('time', { datetime: summary.lastMessageAt || summary.createdAt }, this.when(summary.lastMessageAt || summary.createdAt)),
      unread ? h('span', { className: 'unread', 'aria-label': this.t('unread', { count: unread }) }, new Intl.NumberFormat(this.t.locale).format(unread)) : null)));
  }

  when(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    const now = new Date();
    if (now - date < 60_000) return this.t('justNow');
    const sameDay = date.toDateString() === now.toDateString();
    return new Intl.DateTimeFormat(this.t.locale, sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short' }).format(date);
  }

  renderer_() {
    if (!this.renderer) {
      this.renderer = new MessageRenderer({
        t: this.t, markdown: this.libs.markdown, server: this.api.server, api: this.api,
        send: text => this.send(text), dismiss: entry => this.dismiss(entry),
        rate: (id, score) => this.api.rate(id, score), contact: (id, email) => this.api.contact(id, email),
        mail: () => this.mail,
      });
    }
    return this.renderer;
  }

  /** The visible thread: stored messages by seq, then unsent messages; only changed rows are redrawn. */
  renderMessages() {
    if (this.view !== 'thread' || !this.messageList) return;
    const renderer = this.renderer_();
    const thread = this.current ? this.thread(this.current) : null;
    const items = [];
    items.push({ key: 'welcome', signature: this.t.locale, item: { message: { seq: 0, id: 'welcome', author: { type: 'bot', name: null }, text: this.t('welcome'), createdAt: null }, showAuthor: true } });
    if (thread) {
      const messages = [...thread.messages.values()].sort((a, b) => a.seq - b.seq);
      const lastCustomer = [...messages].reverse().find(m => m.author && m.author.type === 'customer');
      const newest = messages[messages.length - 1];
      let previous = 'bot';
      for (const message of messages) {
        const author = message.author ? `${message.author.type}:${message.author.id || message.author.name || ''}` : 'system';
        const showAuthor = author !== previous;
        previous = author;
        const seen = message === lastCustomer && thread.agentReadSeq >= message.seq;
        const interactive = message === newest && !this.outbox.entries.some(e => e.conversationId === thread.id);
        items.push({ key: `m-${message.id}`, signature: `${showAuthor}|${seen}|${interactive}`, item: { message, showAuthor, seen, interactive } });
      }
      for (const entry of this.outbox.entries) {
        if (entry.conversationId !== thread.id || thread.clientIds.has(entry.clientMessageId)) continue;
        items.push({ key: `p-${entry.clientMessageId}`, signature: entry.error ? entry.error.code : 'pending', item: { pending: entry } });
      }
    }
    const stick = this.isAtEnd();
    const keep = new Set(items.map(i => i.key));
    for (const [key, row] of this.rendered) {
      if (!keep.has(key)) { row.element.remove(); this.rendered.delete(key); }
    }
    items.forEach(({ key, signature, item }, index) => {
      let row = this.rendered.get(key);
      if (!row || row.signature !== signature) {
        if (row) row.element.remove();
        row = { signature, element: renderer.render(item) };
        this.rendered.set(key, row);
      }
      const at = this.messageList.children[index];
      if (at !== row.element) this.messageList.insertBefore(row.element, at || null);
    });
    // decided before the new rows went in: a long new message must not make the list think it was scrolled up
    if (stick) this.scrollToEnd(true);
  }

  renderTyping() {
    if (!this.typingEl) return;
    const thread = this.current && this.threads.get(this.current);
    const typing = this.view === 'thread' && thread && thread.typing;
    this.typingEl.hidden = !typing;
    if (typing) {
      this.typingEl.replaceChildren(h('span', { className: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
        h('span', null, this.t('typing', { name: typing.name || this.t('someone') })));
    }
  }

  isAtEnd() {
    const scroller = this.messageList.parentElement;
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 60;
  }

  scrollToEnd(force) {
    const scroller = this.messageList.parentElement;
    if (force || this.isAtEnd()) requestAnimationFrame(() => { scroller.scrollTop = scroller.scrollHeight; });
  }
}

function preview(text, length) {
  const flat = String(text || '').replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

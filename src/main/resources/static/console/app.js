// The console once signed in: top bar (connection, presence, account), inbox (queue / mine / all, live), the open
// conversation (transcript, composer, actions) and its context (handoff, ticket, customer, suggested articles).
// State lives here; rendering is split into inbox.js, conversation.js and context.js.

import { Connection } from '../common/connection.js';
import { Backend } from './backend.js';
import { h, fill, initials } from './dom.js';
import { TranscriptRenderer } from './transcript.js';
import { InboxView } from './inbox.js';
import { ConversationView } from './conversation.js';
import { ContextView } from './context.js';
import { describeError } from './errors.js';

const TABS = [
  { id: 'queue', label: 'Queue' },
  { id: 'mine', label: 'Mine' },
  { id: 'all', label: 'All' },
];
const UI_KEY = 'parley:console:ui';

export class Console {
  constructor(root, api, libraries, me, onSignOut) {
    this.root = root;
    this.api = api;
    this.me = me;
    this.onSignOut = onSignOut;
    this.backend = new Backend(api);
    this.renderer = new TranscriptRenderer(libraries.markdown);
    const saved = readUi();
    this.state = {
      tab: TABS.some(t => t.id === saved.tab) ? saved.tab : 'queue',
      lists: { queue: [], mine: [], all: [] },
      loaded: false,
      currentId: saved.current || null,
      presence: 'online',
      connection: 'connecting',
    };
    this.live = new Connection(libraries.stomp, {
      server: location.href,
      token: () => this.api.token,
      onState: state => this.setConnection(state),
      onStompError: error => {
        // the database was briefly out: the socket reconnects and unacked replies are sent again
        if (error.code !== 'unavailable') this.showError(describeError(error));
        // an expired or revoked token: REST will say so (401) and send the agent back to the sign-in form
        if (error.code === 'unauthorized') this.api.me().catch(() => { });
      },
      onConnected: () => this.onConnected(),
    });
    this.refreshTimer = null;
    this.stopped = false;
  }

  start() {
    document.title = 'Parley console';
    this.layout();
    this.live.subscribe('inbox', '/user/queue/inbox', event => this.onInboxEvent(event));
    this.live.subscribe('acks', '/user/queue/acks', ack => this.conversation && this.conversation.onAck(ack));
    this.live.subscribe('errors', '/user/queue/errors', error => {
      // a reply refused as "unavailable" is retried by the conversation's outbox: no error to show
      const outcome = this.conversation && this.conversation.onCommandError(error);
      if (outcome !== 'retry') this.showError(describeError(error));
    });
    this.live.start();
    this.loadLists();
    this.loadPresence();
    if (this.state.currentId) this.open(this.state.currentId, { focus: false });
    this.root.removeAttribute('aria-busy');
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.refreshTimer);
    this.conversation && this.conversation.close();
    document.removeEventListener('keydown', this.globalKeys);
    this.live.stop();
  }

  // ---- layout -------------------------------------------------------------------------------------------------

  layout() {
    this.connectionPill = h('span', { className: 'connection', role: 'status', 'aria-live': 'polite', dataset: { state: 'connecting' } }, 'Connecting…');
    this.presenceSelect = h('select', {
      id: 'presence', className: 'presence-select', 'aria-label': 'Your presence', disabled: true,
      onchange: () => this.changePresence(this.presenceSelect.value),
    },
    h('option', { value: 'online' }, 'Online'),
    h('option', { value: 'away' }, 'Away'),
    h('option', { value: 'offline' }, 'Offline'));
    this.presenceDot = h('span', { className: 'presence-dot', dataset: { presence: 'unknown' }, 'aria-hidden': 'true' });
    const header = h('header', { className: 'topbar' },
      h('div', { className: 'brand' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }, 'P'), 'Parley', h('span', { className: 'brand-sub' }, 'Agent console')),
      h('div', { className: 'topbar-right' },
        this.connectionPill,
        h('label', { className: 'presence' }, this.presenceDot, h('span', { className: 'sr-only' }, 'Presence'), this.presenceSelect),
        h('span', { className: 'me' }, h('span', { className: 'avatar', 'aria-hidden': 'true' }, initials(this.me.name)),
          h('span', { className: 'me-name' }, this.me.name)),
        h('button', { type: 'button', className: 'ghost sign-out', onclick: () => this.onSignOut() }, 'Sign out')));

    this.tabButtons = TABS.map(tab => h('button', {
      type: 'button', role: 'tab', id: `tab-${tab.id}`, className: 'tab', 'aria-controls': 'inbox-list',
      dataset: { tab: tab.id }, onclick: () => this.selectTab(tab.id), onkeydown: event => this.tabKey(event, tab.id),
    }, tab.label, h('span', { className: 'count', dataset: { count: tab.id } }, '0')));
    this.inboxList = h('ul', { id: 'inbox-list', className: 'inbox-list', role: 'tabpanel', 'aria-live': 'polite' });
    this.inbox = new InboxView(this.inboxList, {
      open: id => this.open(id),
      claim: id => this.command(id, 'claim'),
    });
    const inboxPane = h('nav', { className: 'inbox', 'aria-label': 'Inbox' },
      h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Inbox views' }, this.tabButtons),
      this.inboxList);

    this.mainPane = h('main', { className: 'conversation-pane', id: 'conversation', 'aria-label': 'Conversation' });
    this.contextPane = h('aside', { className: 'context-pane', 'aria-label': 'Ticket and customer' });
    this.errorBar = h('div', { className: 'error-bar', role: 'alert', hidden: true });
    this.toasts = h('div', { className: 'toasts', role: 'status', 'aria-live': 'polite' });
    fill(this.root, header, this.errorBar, h('div', { className: 'workspace' }, inboxPane, this.mainPane, this.contextPane), this.toasts);
    this.renderTabs();
    this.emptyConversation();
    document.addEventListener('keydown', this.globalKeys = event => this.onGlobalKey(event));
  }

  emptyConversation() {
    fill(this.mainPane, h('div', { className: 'empty' },
      h('h2', null, 'No conversation open'),
      h('p', null, 'Pick a conversation from the inbox. New handoffs appear in the queue as they happen.'),
      h('p', { className: 'hint' }, 'Keyboard: Alt+1/2/3 switch inbox views, ↑/↓ move through the list, Ctrl+Enter sends.')));
    fill(this.contextPane);
    this.contextPane.hidden = true;
  }

  renderTabs() {
    for (const button of this.tabButtons) {
      const selected = button.dataset.tab === this.state.tab;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      const list = this.state.lists[button.dataset.tab] || [];
      const count = button.querySelector('.count');
      count.textContent = String(list.length);
      count.setAttribute('aria-label', `${list.length} conversations`);
    }
    const waiting = this.state.lists.queue.length;
    document.title = waiting ? `(${waiting}) Parley console` : 'Parley console';
    this.inboxList.setAttribute('aria-labelledby', `tab-${this.state.tab}`);
    this.renderInbox();
  }

  renderInbox() {
    this.inbox.render(this.state.lists[this.state.tab] || [], {
      tab: this.state.tab, currentId: this.state.currentId, meId: this.me.id,
      loaded: this.state.loaded,
    });
  }

  selectTab(tab) {
    this.state.tab = tab;
    saveUi({ tab, current: this.state.currentId });
    this.renderTabs();
    this.loadLists();
  }

  tabKey(event, tab) {
    const index = TABS.findIndex(t => t.id === tab);
    let next = null;
    if (event.key === 'ArrowRight') next = TABS[(index + 1) % TABS.length];
    if (event.key === 'ArrowLeft') next = TABS[(index + TABS.length - 1) % TABS.length];
    if (next) {
      event.preventDefault();
      this.selectTab(next.id);
      this.tabButtons.find(b => b.dataset.tab === next.id).focus();
    }
  }

  onGlobalKey(event) {
    if (event.altKey && ['1', '2', '3'].includes(event.key)) {
      event.preventDefault();
      const tab = TABS[Number(event.key) - 1];
      this.selectTab(tab.id);
      this.tabButtons.find(b => b.dataset.tab === tab.id).focus();
    }
    if (event.key === 'Escape' && !this.errorBar.hidden) {
      this.errorBar.hidden = true;
    }
  }

  // ---- connection and presence ---------------------------------------------------------------------------------

  setConnection(state) {
    this.state.connection = state;
    this.connectionPill.dataset.state = state;
    this.connectionPill.textContent = { online: 'Live', connecting: 'Connecting…', offline: 'Offline — reconnecting' }[state] || state;
    this.conversation && this.conversation.setConnected(state === 'online');
  }

  onConnected() {
    // anything could have happened while we were away: catch up
    this.loadLists();
    this.conversation && this.conversation.catchUp();
  }

  async loadPresence() {
    try {
      const presence = await this.backend.presence();
      if (presence) this.showPresence(presence, true);
    } catch (e) {
      if (e.status !== 401) this.showError(describeError(e));
    } finally {
      this.presenceSelect.disabled = false;
    }
  }

  async changePresence(status) {
    const before = this.state.presence;
    this.showPresence(status);
    try {
      const presence = await this.backend.setPresence(status);
      this.showPresence((presence && presence.status) || status, true);
      this.toast(status === 'online' ? 'You are online: new conversations can be routed to you.'
        : `You are ${status}: new conversations wait in the queue.`);
    } catch (e) {
      this.showPresence(before, true);
      this.showError(describeError(e));
    }
  }

  /** {@code confirmed}: the server has it (tests and the dot's title wait for that). */
  showPresence(status, confirmed = false) {
    const value = String(status || 'offline').toLowerCase();
    this.state.presence = value;
    this.presenceSelect.value = value;
    this.presenceDot.dataset.presence = value;
    if (confirmed) this.presenceSelect.dataset.confirmed = value;
  }

  // ---- inbox ----------------------------------------------------------------------------------------------------

  async loadLists() {
    if (this.stopped) return;
    try {
      const views = await Promise.all(TABS.map(t => this.backend.list(t.id)));
      TABS.forEach((t, i) => { this.state.lists[t.id] = views[i]; });
      this.state.loaded = true;
      this.renderTabs();
    } catch (e) {
      if (e.status !== 401) this.showError(describeError(e));
      if (!this.state.loaded) this.inbox.failed(() => this.loadLists());
    }
  }

  /** Inbox events change lists in many ways; refetching (coalesced) keeps every view right. */
  scheduleRefresh() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.loadLists(), 150);
  }

  onInboxEvent(event) {
    const id = event.conversationId || (event.conversation && event.conversation.id);
    const type = event.type || '';
    if (type === 'typing') {
      this.inbox.typing(id, event.typing !== false);
      if (this.conversation && id === this.state.currentId) this.conversation.customerTyping(event.typing !== false);
      return;
    }
    const name = (event.conversation && event.conversation.customer && event.conversation.customer.name) || 'Anonymous visitor';
    if (type === 'queued') this.toast(`New in the queue: ${name}`);
    if (type === 'rated' && event.rating) this.toast(`A customer rated your conversation ${event.rating.score}/5`);
    if (type === 'assigned' && !(event.by && event.by.id === this.me.id)) {
      this.toast(event.by ? `${event.by.name} transferred ${name} to you` : `Assigned to you: ${name}`);
    }
    if (this.conversation && id === this.state.currentId) this.conversation.onInboxEvent(event);
    this.scheduleRefresh();
  }

  // ---- the open conversation -------------------------------------------------------------------------------------

  open(id, { focus = true } = {}) {
    if (this.conversation && this.conversation.id === id) {
      if (focus) this.conversation.focus();
      return;
    }
    this.conversation && this.conversation.close();
    this.state.currentId = id;
    saveUi({ tab: this.state.tab, current: id });
    this.contextPane.hidden = false;
    const context = new ContextView(this.contextPane, {
      insert: text => this.conversation && this.conversation.insert(text),
      error: e => this.showError(describeError(e)),
    });
    this.conversation = new ConversationView(this.mainPane, {
      id, me: this.me, backend: this.backend, live: this.live, renderer: this.renderer, context,
      command: (name, body) => this.command(id, name, body),
      error: error => this.showError(describeError(error)),
      toast: text => this.toast(text),
      closed: () => this.closeConversation(),
      changed: () => this.scheduleRefresh(),
      agents: () => this.backend.agents(),
    });
    this.conversation.load(focus).catch(e => {
      if (e.status === 404 || e.code === 'conversation_not_found') {
        this.closeConversation();
      }
      this.showError(describeError(e));
    });
    this.conversation.setConnected(this.state.connection === 'online');
    this.renderInbox();
  }

  closeConversation() {
    this.conversation && this.conversation.close();
    this.conversation = null;
    this.state.currentId = null;
    saveUi({ tab: this.state.tab, current: null });
    this.emptyConversation();
    this.renderInbox();
  }

  /** Sends a conversation command over STOMP; refusals come back on /user/queue/errors. */
  command(id, name, body) {
    if (!this.live.publish(`/app/conversations/${id}/${name}`, body ?? {})) {
      this.showError({ title: 'Not connected', text: 'The console is offline; try again once it says "Live".' });
      return false;
    }
    this.hideError();
    return true;
  }

  // ---- messages to the agent ----------------------------------------------------------------------------------

  showError(error) {
    const { title, text } = error;
    fill(this.errorBar,
      h('strong', null, title), ' ', h('span', { className: 'error-text' }, text),
      h('button', { type: 'button', className: 'ghost small', 'aria-label': 'Dismiss error', onclick: () => this.hideError() }, '×'));
    this.errorBar.hidden = false;
  }

  hideError() {
    this.errorBar.hidden = true;
  }

  toast(text) {
    const item = h('div', { className: 'toast' }, text);
    this.toasts.appendChild(item);
    setTimeout(() => item.remove(), 4000);
  }
}

function readUi() {
  try {
    return JSON.parse(sessionStorage.getItem(UI_KEY) || '{}') || {};
  } catch {
    return {};
  }
}

function saveUi(ui) {
  sessionStorage.setItem(UI_KEY, JSON.stringify(ui));
}

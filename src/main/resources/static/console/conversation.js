// One open conversation: header with the actions the state allows (claim, transfer, return to bot, resolve), the
// collision hint, the live transcript with private notes, the customer-typing indicator, and the composer (reply
// or private note, saved replies). Live data: /topic/conversations/{id} (customer side) and
// /topic/staff/conversations/{id} (viewers, notes, ownership, ticket).

import { h, fill, humanize, initials } from './dom.js';
import { Outbox } from '../common/outbox.js';
import { singleFlight } from '../common/paging.js';
import { SavedReplies } from './saved-replies.js';

const TYPING_IDLE_MS = 3000;
const TYPING_SHOWN_MS = 6000;

export class ConversationView {
  constructor(pane, options) {
    Object.assign(this, options); // id, me, backend, live, renderer, context, command, error, toast, closed, changed, agents
    this.pane = pane;
    this.messages = new Map(); // seq -> message
    this.notes = new Map(); // id -> note
    // replies on their way, until acked; "unavailable" refusals are retried with the same clientMessageId
    this.outbox = new Outbox(this.live, {
      destination: () => `/app/conversations/${this.id}/reply`,
      body: entry => ({ clientMessageId: entry.clientMessageId, text: entry.text }),
    });
    this.outboxTimer = setInterval(() => this.outbox.tick(), 2000);
    this.fetchMissed = singleFlight(async () => {
      const messages = await this.backend.messagesAfter(this.id, this.lastSeq);
      if (this.closedView) return;
      messages.forEach(m => this.storeMessage(m));
      this.renderTranscript(true);
    });
    this.lastSeq = 0;
    this.item = null;
    this.viewers = [];
    this.unreadFrom = Infinity;
    this.mode = 'reply';
    this.closedView = false;
    this.build();
  }

  // ---- structure ------------------------------------------------------------------------------------------------

  build() {
    this.title = h('h2', { id: 'conversation-title', className: 'conv-name', tabIndex: -1 }, 'Loading…');
    this.subtitle = h('div', { className: 'conv-sub' });
    this.actionsBar = h('div', { className: 'actions', role: 'toolbar', 'aria-label': 'Conversation actions' });
    this.transferPanel = h('div', { className: 'transfer-panel', hidden: true });
    this.collision = h('div', { className: 'collision', role: 'status', 'aria-live': 'polite', hidden: true });
    this.ownership = h('div', { className: 'ownership', role: 'status', hidden: true });
    this.transcript = h('ol', { className: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': 'Transcript', 'aria-busy': 'true' });
    this.typingIndicator = h('div', { className: 'typing-indicator', 'aria-live': 'polite' });

    this.input = h('textarea', {
      id: 'composer-input', className: 'composer-input', rows: 3, 'aria-label': 'Reply to the customer',
      placeholder: 'Write a reply… (Ctrl+Enter to send)',
      oninput: () => this.onInput(),
      onkeydown: event => this.onComposerKey(event),
    });
    this.modeButtons = ['reply', 'note'].map(mode => h('button', {
      type: 'button', className: `mode mode-${mode}`, dataset: { mode },
      onclick: () => { this.userChoseNote = mode === 'note'; this.setMode(mode); this.input.focus(); },
    }, mode === 'reply' ? 'Reply' : 'Private note'));
    this.sendButton = h('button', { type: 'submit', className: 'primary send' }, 'Send');
    this.composerHint = h('span', { className: 'composer-hint' });
    this.saved = new SavedReplies({
      backend: this.backend, conversationId: this.id,
      insert: text => this.insert(text), error: e => this.error(e),
    });
    this.composer = h('form', {
      className: 'composer', 'aria-label': 'Reply or note',
      onsubmit: event => { event.preventDefault(); this.submit(); },
    },
    h('div', { className: 'composer-modes', role: 'group', 'aria-label': 'Write a reply or a private note' }, this.modeButtons),
    this.saved.panel,
    this.input,
    h('div', { className: 'composer-bar' }, this.saved.button, this.composerHint, this.sendButton));

    fill(this.pane, h('section', { className: 'conv', 'aria-labelledby': 'conversation-title' },
      h('header', { className: 'conv-head' },
        h('div', { className: 'conv-title' }, this.title, this.subtitle),
        this.actionsBar),
      this.transferPanel,
      this.collision,
      this.ownership,
      this.transcript,
      this.typingIndicator,
      this.composer));
    this.setMode('reply');
  }

  focus() {
    this.title.focus();
  }

  // ---- loading and live data ------------------------------------------------------------------------------------

  async load(focus) {
    this.live.subscribe('conversation', `/topic/conversations/${this.id}`, event => this.onTopic(event));
    this.live.subscribe('staff-conversation', `/topic/staff/conversations/${this.id}`, event => this.onStaffTopic(event));
    this.live.publish(`/app/conversations/${this.id}/view`, { viewing: true });
    const [item, messages] = await Promise.all([
      this.backend.conversation(this.id),
      this.backend.messagesAfter(this.id, 0),
    ]);
    if (this.closedView) return;
    this.setItem(item);
    this.viewers = item.viewers || [];
    this.renderViewers();
    this.markUnread(messages, item.unread || 0);
    messages.forEach(m => this.messages.set(m.seq, m));
    this.lastSeq = Math.max(this.lastSeq, ...messages.map(m => m.seq), 0);
    await this.loadNotes();
    this.renderTranscript(true);
    this.transcript.setAttribute('aria-busy', 'false');
    this.pane.querySelector('.conv').dataset.loaded = 'true';
    this.markRead();
    this.context.render(item, { me: this.me, backend: this.backend });
    if (focus) this.focus();
  }

  /** The last {@code unread} customer messages get a "New" marker. */
  markUnread(messages, unread) {
    if (!unread) return;
    const customer = messages.filter(m => m.author && m.author.type === 'customer');
    const first = customer[Math.max(0, customer.length - unread)];
    if (first) this.unreadFrom = first.seq;
  }

  async loadNotes() {
    if (!this.item || !this.item.ticket) return;
    try {
      const notes = await this.backend.notes(this.item.ticket.id);
      (notes || []).forEach(n => this.notes.set(n.id, n));
    } catch {
      // notes are a nicety here; the ticket panel shows the timeline anyway
    }
  }

  /** After a reconnect: fetch what was missed. */
  async catchUp() {
    try {
      const [item, messages] = await Promise.all([this.backend.conversation(this.id), this.backend.messagesAfter(this.id, this.lastSeq)]);
      if (this.closedView) return;
      this.setItem(item);
      messages.forEach(m => this.addMessage(m));
      // replies sent just before the line dropped: send again (same clientMessageId, so never stored twice)
      this.outbox.flush();
      this.live.publish(`/app/conversations/${this.id}/view`, { viewing: true });
      this.context.render(item, { me: this.me, backend: this.backend });
    } catch (e) {
      this.error(e);
    }
  }

  async refreshItem() {
    try {
      const item = await this.backend.conversation(this.id);
      if (this.closedView) return;
      this.setItem(item);
      this.context.render(item, { me: this.me, backend: this.backend });
    } catch (e) {
      this.error(e);
    }
  }

  close() {
    if (this.closedView) return;
    this.closedView = true;
    clearInterval(this.outboxTimer);
    this.sendTyping(false);
    this.live.publish(`/app/conversations/${this.id}/view`, { viewing: false });
    this.live.unsubscribe('conversation');
    this.live.unsubscribe('staff-conversation');
    this.saved.close();
  }

  onTopic(event) {
    if (event.type === 'message' && event.message) {
      this.addMessage(event.message);
      if (event.message.author && event.message.author.type === 'customer') this.customerTyping(false);
    } else if (event.type === 'typing' && event.author && event.author.type === 'customer') {
      this.customerTyping(event.typing !== false, event.author.name);
    } else if (event.type === 'status') {
      this.refreshItem();
    }
  }

  onStaffTopic(event) {
    if (event.type === 'viewers') {
      this.viewers = event.viewers || [];
      this.renderViewers();
    } else if (event.type === 'note' && event.note) {
      this.notes.set(event.note.id, event.note);
      this.renderTranscript(true);
      this.context.refreshTicket();
    } else if (event.type === 'ownership' && event.conversation) {
      this.setItem({ ...this.item, ...event.conversation, id: this.id });
      this.context.render(this.item, { me: this.me, backend: this.backend });
    } else if (event.type === 'ticket' && event.ticket) {
      this.context.updateTicket(event.ticket);
    }
  }

  /** Inbox events about this conversation (claimed by someone else, assigned to me, resolved, ...). */
  onInboxEvent(event) {
    if (event.type === 'message') return; // the topic brings it
    if (event.conversation) {
      this.setItem({ ...this.item, ...event.conversation, id: this.id });
    }
    if (event.type === 'claimed' && event.conversation && event.conversation.agent && event.conversation.agent.id !== this.me.id) {
      this.toast(`${event.conversation.agent.name} claimed this conversation.`);
    }
    this.refreshItem();
  }

  onAck(ack) {
    if (!ack || ack.conversationId !== this.id) return;
    this.outbox.delivered(ack.clientMessageId);
    this.renderTranscript(false);
  }

  /**
   * A refused command: a reply refused as "unavailable" stays in the outbox and is retried (returns 'retry'); any
   * other refused reply goes back into the composer (nothing was stored); the state is re-read.
   */
  onCommandError(error) {
    if (!error || (error.destination && !error.destination.includes(this.id))) return null;
    if (error.clientMessageId && this.outbox.refused(error) === 'retry') return 'retry';
    // a refused reply names its clientMessageId when the server knows it; otherwise every reply in flight was refused
    const refused = error.clientMessageId ? [error.clientMessageId]
      : (error.destination && error.destination.endsWith('/reply') ? this.outbox.entries.map(e => e.clientMessageId) : []);
    const texts = refused.map(key => this.outbox.find(key)).filter(Boolean).map(entry => entry.text);
    refused.forEach(key => this.outbox.remove(key));
    if (texts.length) {
      if (!this.input.value.trim()) this.input.value = texts.join('\n\n');
      this.renderTranscript(false);
    }
    this.refreshItem();
    return 'refused';
  }

  addMessage(message) {
    if (this.messages.has(message.seq)) return;
    if (message.seq > this.lastSeq + 1 && this.lastSeq > 0) {
      // a gap: something was missed; fetch it in order
      this.fetchMissed().catch(() => { });
    }
    this.storeMessage(message);
    this.renderTranscript(true);
    this.markRead();
  }

  storeMessage(message) {
    this.messages.set(message.seq, message);
    this.lastSeq = Math.max(this.lastSeq, message.seq);
    if (message.clientMessageId) this.outbox.delivered(message.clientMessageId);
  }

  markRead() {
    if (this.lastSeq > 0 && document.visibilityState !== 'hidden') {
      this.live.publish(`/app/conversations/${this.id}/read`, { seq: this.lastSeq });
    }
  }

  // ---- rendering ------------------------------------------------------------------------------------------------

  setItem(item) {
    const wasMine = this.item && this.item.state === 'assigned' && this.isMine();
    this.item = item;
    const nowMine = item.state === 'assigned' && this.isMine();
    const customer = item.customer || {};
    this.title.textContent = customer.name || 'Anonymous visitor';
    const parts = [];
    if (item.ticket) parts.push(h('span', { className: 'ticket-ref' }, `Ticket #${item.ticket.number}`));
    parts.push(h('span', { className: `state state-${item.state}`, dataset: { state: item.state } }, humanize(item.state)));
    if (item.reason) parts.push(h('span', { className: 'chip reason' }, humanize(item.reason)));
    if (item.agent) parts.push(h('span', { className: 'assignee' }, 'Assigned to ', h('strong', null, this.isMine() ? 'you' : item.agent.name)));
    if (item.customer && item.customer.email) parts.push(h('span', { className: 'muted' }, item.customer.email));
    fill(this.subtitle, parts);
    this.renderActions();
    this.renderOwnership();
    this.renderComposerState();
    if (!wasMine && nowMine && this.claiming) {
      // the claim went through: straight to the reply box
      this.claiming = false;
      this.input.focus();
    }
  }

  isMine() {
    return !!(this.item && this.item.agent && this.item.agent.id === this.me.id);
  }

  renderActions() {
    const state = this.item.state;
    const mine = this.isMine();
    const buttons = [];
    if (state === 'queued' || state === 'bot' || state === 'resolved') {
      buttons.push(h('button', {
        type: 'button', className: 'primary action-claim', 'aria-keyshortcuts': 'Alt+C',
        onclick: event => this.act('claim', {}, event.currentTarget),
      }, state === 'bot' ? 'Take over' : 'Claim'));
    }
    if (state === 'assigned' && mine) {
      buttons.push(
        h('button', { type: 'button', className: 'action-transfer', 'aria-expanded': String(!this.transferPanel.hidden), onclick: () => this.toggleTransfer() }, 'Transfer…'),
        h('button', { type: 'button', className: 'action-return', onclick: event => this.act('return-to-bot', {}, event.currentTarget) }, 'Return to bot'),
        h('button', { type: 'button', className: 'primary action-resolve', onclick: event => this.act('resolve', {}, event.currentTarget) }, 'Resolve'));
    }
    fill(this.actionsBar, buttons);
  }

  renderOwnership() {
    const item = this.item;
    let text = null;
    if (item.state === 'assigned' && !this.isMine() && item.agent) {
      text = `${item.agent.name} owns this conversation. You can read it and add private notes; to reply, ask ${item.agent.name} to transfer it.`;
    } else if (item.state === 'queued') {
      text = `Waiting in the queue${item.position ? ` (position ${item.position})` : ''}. Claim it to reply.`;
    } else if (item.state === 'bot') {
      text = 'The bot is handling this conversation. Take over to reply.';
    } else if (item.state === 'resolved') {
      text = item.rating ? `Resolved. The customer rated it ${item.rating.score}/5${item.rating.comment ? `: “${item.rating.comment}”` : '.'}` : 'Resolved. The customer has been asked for a rating.';
    }
    this.ownership.hidden = !text;
    this.ownership.textContent = text || '';
    this.ownership.dataset.state = item.state;
  }

  renderComposerState() {
    const canReply = this.item && this.item.state === 'assigned' && this.isMine();
    const replyButton = this.modeButtons[0];
    replyButton.disabled = !canReply;
    if (!canReply && this.mode === 'reply') this.setMode('note');
    else if (canReply && this.mode === 'note' && !this.input.value && !this.userChoseNote) this.setMode('reply');
  }

  setMode(mode) {
    this.mode = mode;
    for (const button of this.modeButtons) {
      const selected = button.dataset.mode === mode;
      button.setAttribute('aria-pressed', String(selected));
    }
    this.composer.dataset.mode = mode;
    this.input.setAttribute('aria-label', mode === 'reply' ? 'Reply to the customer' : 'Private note (only staff see it)');
    this.input.placeholder = mode === 'reply' ? 'Write a reply… (Ctrl+Enter to send)' : 'Write a private note for your team… (Ctrl+Enter to add)';
    this.sendButton.textContent = mode === 'reply' ? 'Send reply' : 'Add note';
    this.composerHint.textContent = mode === 'reply' ? 'The customer sees this.' : 'Only staff see notes.';
  }

  renderViewers() {
    const others = (this.viewers || []).filter(v => v.id !== this.me.id);
    this.collision.hidden = others.length === 0;
    if (others.length) {
      const names = others.map(v => v.name);
      fill(this.collision,
        others.map(v => h('span', { className: 'avatar small', 'aria-hidden': 'true' }, initials(v.name))),
        h('span', { className: 'collision-text' }, `${joinNames(names)} ${names.length === 1 ? 'is' : 'are'} also viewing this conversation`));
    }
  }

  renderTranscript(scroll) {
    const atBottom = this.transcript.scrollHeight - this.transcript.scrollTop - this.transcript.clientHeight < 40;
    const entries = this.timeline();
    const nodes = entries.map(e => e.node());
    let dividerPlaced = false;
    const withDivider = [];
    for (const node of nodes) {
      if (!dividerPlaced && node.classList.contains('unread')) {
        withDivider.push(h('li', { className: 'unread-divider', role: 'separator' }, h('span', null, 'New messages')));
        dividerPlaced = true;
      }
      withDivider.push(node);
    }
    for (const entry of this.outbox.entries) {
      withDivider.push(h('li', { className: `msg msg-agent pending${entry.error ? ' failed' : ''}`, dataset: { clientMessageId: entry.clientMessageId } },
        h('div', { className: 'msg-head' }, h('span', { className: 'msg-author' }, this.me.name), h('span', { className: 'chip' }, entry.error ? 'Not sent' : 'Sending…')),
        h('div', { className: 'text' }, entry.text)));
    }
    if (!withDivider.length) withDivider.push(h('li', { className: 'transcript-empty' }, 'No messages yet.'));
    fill(this.transcript, withDivider);
    if (scroll || atBottom) this.transcript.scrollTop = this.transcript.scrollHeight;
  }

  /** Messages in seq order, with each private note placed by its time among them. */
  timeline() {
    const messages = [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    const notes = [...this.notes.values()].sort((a, b) => stamp(a.createdAt) - stamp(b.createdAt));
    const entries = [];
    let n = 0;
    for (const message of messages) {
      while (n < notes.length && stamp(notes[n].createdAt) < stamp(message.createdAt)) entries.push(this.noteEntry(notes[n++]));
      const unread = message.seq >= this.unreadFrom && message.author && message.author.type === 'customer';
      entries.push({ node: () => this.renderer.message(message, { unread }) });
    }
    while (n < notes.length) entries.push(this.noteEntry(notes[n++]));
    return entries;
  }

  noteEntry(note) {
    return { node: () => this.renderer.note(note) };
  }

  customerTyping(on, name) {
    clearTimeout(this.typingTimer);
    if (on) {
      const who = name || (this.item && this.item.customer && this.item.customer.name) || 'The customer';
      fill(this.typingIndicator, h('span', { className: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), ` ${who} is typing…`);
      this.typingIndicator.classList.add('on');
      this.typingTimer = setTimeout(() => this.customerTyping(false), TYPING_SHOWN_MS);
    } else {
      this.typingIndicator.classList.remove('on');
      this.typingIndicator.textContent = '';
    }
  }

  setConnected(connected) {
    this.composer.classList.toggle('offline', !connected);
  }

  // ---- commands ---------------------------------------------------------------------------------------------------

  /** Sends a command; its button shows it is on its way until the new state (or a refusal) arrives. */
  act(name, body, button) {
    if (this.command(name, body)) {
      this.claiming = name === 'claim';
      const busy = { claim: 'Claiming…', resolve: 'Resolving…', 'return-to-bot': 'Returning…', transfer: 'Transferring…' }[name];
      if (button && busy) {
        button.disabled = true;
        button.textContent = busy;
        button.setAttribute('aria-busy', 'true');
      }
      this.transferPanel.hidden = true;
      this.changed();
    }
  }

  async toggleTransfer() {
    if (!this.transferPanel.hidden) {
      this.transferPanel.hidden = true;
      this.renderActions();
      return;
    }
    const select = h('select', { id: 'transfer-target', 'aria-label': 'Transfer to' },
      h('option', { value: 'queue' }, 'Back to the queue'));
    fill(this.transferPanel,
      h('label', { for: 'transfer-target' }, 'Transfer to'), select,
      h('button', {
        type: 'button', className: 'primary small transfer-confirm',
        onclick: () => this.act('transfer', select.value === 'queue' ? { queue: true } : { agentId: select.value }),
      }, 'Transfer'),
      h('button', { type: 'button', className: 'ghost small', onclick: () => this.toggleTransfer() }, 'Cancel'));
    this.transferPanel.hidden = false;
    this.renderActions();
    select.focus();
    try {
      const agents = await this.agents();
      for (const agent of agents || []) {
        if (agent.id === this.me.id) continue;
        select.appendChild(h('option', { value: agent.id, disabled: agent.presence !== 'online' },
          `${agent.name} — ${agent.presence}${typeof agent.active === 'number' ? `, ${agent.active}${agent.capacity ? `/${agent.capacity}` : ''} open` : ''}`));
      }
    } catch (e) {
      this.error(e);
    }
  }

  submit() {
    const text = this.input.value.trim();
    if (!text) return;
    if (this.mode === 'reply') {
      const clientMessageId = `a-${crypto.randomUUID()}`;
      if (this.command('reply', { clientMessageId, text })) {
        this.outbox.keep({ clientMessageId, text });
        this.input.value = '';
        this.sendTyping(false);
        this.renderTranscript(true);
      }
    } else {
      this.addNote(text);
    }
    this.input.focus();
  }

  async addNote(text) {
    this.input.value = '';
    this.sendButton.disabled = true;
    try {
      const note = await this.backend.addNote(this.id, this.item && this.item.ticket && this.item.ticket.id, text);
      if (note && note.id) this.notes.set(note.id, note);
      this.userChoseNote = false;
      this.renderTranscript(true);
      this.context.refreshTicket();
      this.toast('Note added. Only staff can see it.');
    } catch (e) {
      if (!this.input.value.trim()) this.input.value = text;
      this.error(e);
    } finally {
      this.sendButton.disabled = false;
    }
  }

  insert(text) {
    const start = this.input.selectionStart ?? this.input.value.length;
    const end = this.input.selectionEnd ?? this.input.value.length;
    this.input.value = this.input.value.slice(0, start) + text + this.input.value.slice(end);
    this.input.focus();
    this.input.selectionStart = this.input.selectionEnd = start + text.length;
    this.onInput();
  }

  onComposerKey(event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.submit();
    }
  }

  onInput() {
    if (this.mode !== 'reply') return;
    if (!this.typingSent) this.sendTyping(true);
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => this.sendTyping(false), TYPING_IDLE_MS);
  }

  sendTyping(on) {
    if (!this.isMine() || this.item.state !== 'assigned') {
      this.typingSent = false;
      return;
    }
    if (this.typingSent === on) return;
    this.typingSent = on;
    this.live.publish(`/app/conversations/${this.id}/typing`, { typing: on });
  }
}

function stamp(iso) {
  const time = Date.parse(iso || '');
  return Number.isNaN(time) ? 0 : time;
}

function joinNames(names) {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

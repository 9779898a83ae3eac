// The inbox list: one row per conversation with the customer, ticket, reason, state, last message, waiting time,
// unread count and a customer-typing hint. Rows are buttons in a list; ↑/↓ move between them.

import { h, fill, ago, humanize, initials, time } from './dom.js';

const EMPTY = {
  queue: 'The queue is empty. New handoffs appear here live.',
  mine: 'No conversations assigned to you. Claim one from the queue.',
  all: 'No handed-off conversations yet.',
};

export class InboxView {
  constructor(list, actions) {
    this.list = list;
    this.actions = actions;
    this.typingIds = new Set();
    this.list.addEventListener('keydown', event => this.onKey(event));
  }

  render(items, { tab, currentId, meId, loaded }) {
    this.last = { items, tab, currentId, meId, loaded };
    if (!items.length) {
      fill(this.list, h('li', { className: 'inbox-empty' }, loaded ? EMPTY[tab] : 'Loading…'));
      return;
    }
    const focused = document.activeElement && this.list.contains(document.activeElement)
      ? document.activeElement.closest('[data-id]')?.dataset.id : null;
    fill(this.list, items.map(item => this.row(item, { tab, currentId, meId })));
    if (focused) this.list.querySelector(`.row[data-id="${CSS.escape(focused)}"]`)?.focus();
  }

  row(item, { tab, currentId, meId }) {
    const customer = item.customer || {};
    const name = customer.name || 'Anonymous visitor';
    // unread: customer messages after the support side's read marker (the open conversation is being read)
    const count = item.id === currentId ? 0 : (item.unread || 0);
    const last = item.lastMessage;
    // system notices ("you are number 2 in the queue") say little here: show what the customer asked instead
    const useQuestion = !last || (last.author && last.author.type === 'system' && item.question);
    const preview = useQuestion ? (item.question || '')
      : `${last.author && last.author.type !== 'customer' ? `${last.author.name || humanize(last.author.type)}: ` : ''}${last.text || ''}`;
    const mine = item.agent && item.agent.id === meId;
    const typing = this.typingIds.has(item.id);
    const label = [name, item.ticket ? `ticket #${item.ticket.number}` : null, humanize(item.state),
      item.reason ? humanize(item.reason) : null, count ? `${count} unread` : null].filter(Boolean).join(', ');
    return h('li', { className: `inbox-item${item.id === currentId ? ' current' : ''}${count ? ' has-unread' : ''}`, dataset: { id: item.id, state: item.state } },
      h('button', {
        type: 'button', className: 'row', dataset: { id: item.id }, 'aria-label': label,
        'aria-current': item.id === currentId ? 'true' : null, onclick: () => this.actions.open(item.id),
      },
      h('span', { className: 'avatar', 'aria-hidden': 'true' }, initials(name)),
      h('span', { className: 'row-main' },
        h('span', { className: 'row-top' },
          h('span', { className: 'row-name' }, name),
          item.ticket ? h('span', { className: 'row-ticket' }, `#${item.ticket.number}`) : null,
          h('time', { className: 'row-time', datetime: item.updatedAt, title: time(item.updatedAt) },
            tab === 'queue' ? ago(item.queuedAt || item.updatedAt) : ago(item.updatedAt))),
        h('span', { className: 'row-preview' }, typing ? h('em', { className: 'typing-hint' }, 'typing…') : preview),
        h('span', { className: 'row-tags' },
          h('span', { className: `state state-${item.state}` }, humanize(item.state)),
          item.reason ? h('span', { className: 'chip reason' }, humanize(item.reason)) : null,
          item.ticket && item.ticket.priority && item.ticket.priority !== 'normal'
            ? h('span', { className: `chip priority priority-${item.ticket.priority}` }, humanize(item.ticket.priority)) : null,
          item.agent ? h('span', { className: 'chip agent' }, mine ? 'You' : item.agent.name) : null,
          item.position ? h('span', { className: 'chip' }, `#${item.position} in queue`) : null,
          item.outOfHours ? h('span', { className: 'chip warn' }, 'Out of hours') : null)),
      count ? h('span', { className: 'unread-badge', 'aria-hidden': 'true' }, String(count)) : null));
  }

  /** The first load failed: say so, with a way to try again. */
  failed(retry) {
    fill(this.list, h('li', { className: 'inbox-empty' }, 'The inbox could not be loaded. ',
      h('button', { type: 'button', className: 'link-button', onclick: retry }, 'Try again')));
  }

  typing(id, on) {
    if (!id) return;
    clearTimeout(this.typingTimers?.get(id));
    this.typingTimers = this.typingTimers || new Map();
    if (on) {
      this.typingIds.add(id);
      // a missed "stopped typing" must not leave the hint on forever
      this.typingTimers.set(id, setTimeout(() => this.typing(id, false), 8000));
    } else {
      this.typingIds.delete(id);
    }
    if (this.last) this.render(this.last.items, this.last);
  }

  onKey(event) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const rows = [...this.list.querySelectorAll('.row')];
    const index = rows.indexOf(document.activeElement);
    if (index < 0) return;
    event.preventDefault();
    const next = rows[event.key === 'ArrowDown' ? Math.min(rows.length - 1, index + 1) : Math.max(0, index - 1)];
    next.focus();
  }
}

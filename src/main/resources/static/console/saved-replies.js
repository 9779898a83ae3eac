// Saved replies: a searchable list above the composer. Picking one asks the server to fill in its placeholders
// ({{customer.name}}, {{agent.name}}, {{ticket.number}}, ...) for this conversation and inserts the text.
// Keyboard: the button (or Alt+S) opens it, type to filter, ↑/↓ to move, Enter to insert, Escape to close.

import { h, fill } from './dom.js';

export class SavedReplies {
  constructor({ backend, conversationId, insert, error }) {
    this.backend = backend;
    this.conversationId = conversationId;
    this.insertText = insert;
    this.error = error;
    this.replies = [];
    this.search = h('input', {
      type: 'search', className: 'saved-search', placeholder: 'Search saved replies…', 'aria-label': 'Search saved replies',
      'aria-controls': 'saved-list', oninput: () => this.load(), onkeydown: event => this.onKey(event),
    });
    this.list = h('ul', { id: 'saved-list', className: 'saved-list', role: 'listbox', 'aria-label': 'Saved replies' });
    this.panel = h('div', { className: 'saved-panel', hidden: true }, this.search, this.list);
    this.button = h('button', {
      type: 'button', className: 'ghost saved-toggle', 'aria-expanded': 'false', 'aria-haspopup': 'listbox',
      'aria-keyshortcuts': 'Alt+S', onclick: () => this.toggle(),
    }, 'Saved replies');
    this.keys = event => {
      if (event.altKey && (event.key === 's' || event.key === 'S')) {
        event.preventDefault();
        this.toggle(true);
      }
    };
    document.addEventListener('keydown', this.keys);
  }

  close() {
    document.removeEventListener('keydown', this.keys);
  }

  toggle(open = this.panel.hidden) {
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (open) {
      this.search.value = '';
      this.load();
      this.search.focus();
    } else {
      this.button.focus();
    }
  }

  async load() {
    const q = this.search.value.trim();
    try {
      const replies = await this.backend.savedReplies(q);
      if (q !== this.search.value.trim()) return; // a newer search is on its way
      this.replies = replies || [];
      this.active = 0;
      this.render();
    } catch (e) {
      this.error(e);
    }
  }

  render() {
    if (!this.replies.length) {
      fill(this.list, h('li', { className: 'saved-empty' }, this.search.value ? 'No saved reply matches.' : 'No saved replies yet.'));
      return;
    }
    fill(this.list, this.replies.map((reply, index) => h('li', {
      role: 'option', id: `saved-${reply.id}`, className: 'saved-item', dataset: { id: reply.id, shortcut: reply.shortcut },
      'aria-selected': String(index === this.active),
      onclick: () => this.pick(reply),
      onmousemove: () => { this.active = index; this.highlight(); },
    },
    h('span', { className: 'saved-shortcut' }, reply.shortcut ? `/${reply.shortcut}` : ''),
    h('span', { className: 'saved-title' }, reply.title || reply.shortcut || 'Saved reply'),
    h('span', { className: 'saved-body' }, reply.body || ''))));
    this.highlight();
  }

  highlight() {
    [...this.list.querySelectorAll('[role=option]')].forEach((item, index) => item.setAttribute('aria-selected', String(index === this.active)));
    const current = this.replies[this.active];
    if (current) this.search.setAttribute('aria-activedescendant', `saved-${current.id}`);
  }

  onKey(event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!this.replies.length) return;
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : this.replies.length - 1)) % this.replies.length;
      this.highlight();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const reply = this.replies[this.active];
      if (reply) this.pick(reply);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.toggle(false);
    }
  }

  async pick(reply) {
    try {
      const expanded = await this.backend.expandSavedReply(this.conversationId, reply.id);
      this.panel.hidden = true;
      this.button.setAttribute('aria-expanded', 'false');
      this.insertText(expanded && typeof expanded.text === 'string' ? expanded.text : reply.body || '');
    } catch (e) {
      this.error(e);
    }
  }
}

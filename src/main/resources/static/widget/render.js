// Renders one message (text, author, time, state) and its structured payload: sources, quick replies and the
// kinds the bot and the hand-off post (clarify, handoff, csat, queue, out_of_hours). Unknown payload fields are
// ignored, so newer servers never break older widgets.

import { h, isObject, safeUrl } from '../common/dom.js';
import { icon } from './icons.js';
import { markNpsAnswered, npsCard } from './nps.js';

export class MessageRenderer {
  /**
   * @param {object} options t (translator), markdown (text → fragment), server (base for relative links),
   *   send(text) (posts a customer message)
   */
  constructor(options) {
    Object.assign(this, options);
    this.timeFormat = new Intl.DateTimeFormat(this.t.locale, { hour: '2-digit', minute: '2-digit' });
  }

  /**
   * @param {object} item {message} or {pending}; flags: showAuthor, interactive (the newest message: quick replies
   *   and prompts are live), seen
   */
  render(item) {
    if (item.pending) {
      return this.pending(item.pending);
    }
    const message = item.message;
    const type = (message.author && message.author.type) || 'system';
    if (type === 'system' && !message.payload) {
      return h('div', { className: 'msg msg-system', dataset: { seq: message.seq, id: message.id } },
        h('div', { className: 'bubble' }, this.text(message.text, true)));
    }
    const payload = isObject(message.payload) ? message.payload : {};
    return h('div', {
      className: `msg msg-${type}${payload.kind ? ` kind-${cssIdent(payload.kind)}` : ''}`,
      dataset: { seq: message.seq, id: message.id, author: type },
    },
    item.showAuthor && type !== 'customer' ? h('div', { className: 'msg-author' }, this.authorName(message.author)) : null,
    h('div', { className: 'bubble' }, this.text(message.text, type !== 'customer')),
    this.payload(payload, item.interactive, message),
    h('div', { className: 'msg-meta' },
      h('time', { datetime: message.createdAt }, this.time(message.createdAt)),
      item.seen ? h('span', { className: 'seen' }, ` · ${this.t('seen')}`) : null));
  }

  pending(entry) {
    const failed = !!entry.error;
    return h('div', {
      className: `msg msg-customer pending${failed ? ' failed' : ''}`,
      dataset: { clientMessageId: entry.clientMessageId },
      'aria-busy': failed ? null : 'true',
    },
    h('div', { className: 'bubble' }, this.text(entry.text, false)),
    h('div', { className: 'msg-meta' },
      h('span', { className: 'state' }, failed ? this.t('failed') : this.t('sending'))),
    failed ? h('div', { className: 'msg-error', role: 'alert' },
      h('span', null, this.errorText(entry.error)),
      h('button', { type: 'button', className: 'link-button', onclick: () => this.dismiss(entry) }, this.t('dismiss')))
      : null);
  }

  errorText(error) {
    const known = this.t(`error_${error.code}`);
    return known === `error_${error.code}` ? (error.reason || this.t('errorGeneric')) : known;
  }

  authorName(author) {
    if (!author) return this.t('someone');
    if (author.type === 'agent') return author.name || this.t('agent');
    if (author.type === 'bot') return author.name || this.t('bot');
    if (author.type === 'customer') return this.t('you');
    return author.name || this.t('someone');
  }

  text(text, markdown) {
    const body = h('div', { className: 'text' });
    if (text == null || text === '') return body;
    if (markdown && this.markdown) {
      body.classList.add('markdown');
      body.appendChild(this.markdown(text));
    } else {
      body.textContent = text;
    }
    return body;
  }

  time(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : this.timeFormat.format(date);
  }

  payload(payload, interactive, message) {
    const parts = [];
    const kind = typeof payload.kind === 'string' ? payload.kind : null;
    if (kind === 'queue') parts.push(this.queue(payload));
    if (kind === 'handoff' && !payload.position && payload.state !== 'assigned') parts.push(h('div', { className: 'card info' }, this.t('handoff')));
    if (Array.isArray(payload.sources) && payload.sources.length) parts.push(this.sources(payload.sources));
    if (kind === 'csat') parts.push(this.csat(interactive, message));
    if (kind === 'out_of_hours') parts.push(this.outOfHours(interactive, message));
    if (kind === 'nps' && this.api) parts.push(npsCard(payload, { t: this.t, api: this.api }));
    if (kind === 'nps_answered') markNpsAnswered(payload.surveyId);
    if (interactive && Array.isArray(payload.quickReplies) && payload.quickReplies.length) {
      parts.push(this.quickReplies(payload.quickReplies));
    }
    return parts.filter(Boolean).length ? h('div', { className: 'payload' }, parts.filter(Boolean)) : null;
  }

  sources(sources) {
    return h('div', { className: 'sources', role: 'group', 'aria-label': this.t('sources') },
      h('div', { className: 'sources-title' }, this.t('sources')),
      sources.filter(isObject).slice(0, 5).map(source => {
        const url = safeUrl(source.url, this.server);
        const title = String(source.title || source.slug || source.url || '');
        const content = [
          h('span', { className: 'source-title' }, icon('link'), h('span', null, title)),
          source.snippet ? h('span', { className: 'source-snippet' }, String(source.snippet)) : null,
        ];
        return url
          ? h('a', { className: 'source', href: url, target: '_blank', rel: 'noopener noreferrer', dataset: { slug: source.slug || '' } }, content)
          : h('div', { className: 'source', dataset: { slug: source.slug || '' } }, content);
      }));
  }

  quickReplies(replies) {
    return h('div', { className: 'quick-replies', role: 'group', 'aria-label': this.t('quickReplies') },
      replies.filter(isObject).slice(0, 8).map(reply => {
        const label = String(reply.label ?? reply.value ?? '');
        const value = String(reply.value ?? reply.label ?? '');
        return h('button', { type: 'button', className: 'quick-reply', onclick: () => this.send(value) }, label);
      }));
  }

  /** Stars post the rating to the server (stored on the conversation and its ticket), then say thanks. */
  csat(interactive, message) {
    // The card is kept per message: when its row is redrawn (e.g. the NPS question arrives while the rating is still
    // being sent) the same card, with its state, moves into the new row.
    this.csatCards = this.csatCards || new Map();
    const kept = this.csatCards.get(message.id);
    if (kept) {
      if (!kept.dataset.state) kept.querySelectorAll('.star').forEach(star => { star.disabled = !interactive; });
      return kept;
    }
    const title = h('div', { className: 'card-title' }, this.t('csatPrompt'));
    const stars = [1, 2, 3, 4, 5].map(n => h('button', {
      type: 'button', className: 'star', 'aria-label': this.t('csatStar', { n }), disabled: !interactive,
      onclick: () => {
        card.dataset.state = 'sending';
        this.submit(card, stars, () => this.rate(message.conversationId, n).finally(() => { card.dataset.state = ''; }),
          this.t('csatThanks'));
      },
    }, icon('star', true)));
    const card = h('div', { className: 'card csat', role: 'group', 'aria-label': this.t('csatPrompt') },
      title, h('div', { className: 'stars' }, stars));
    this.csatCards.set(message.id, card);
    return card;
  }

  /** Disables the controls while {@code call} runs; on success the card shows {@code done}, on failure it stays usable. */
  submit(card, controls, call, done) {
    controls.forEach(c => { c.disabled = true; });
    Promise.resolve().then(call).then(() => {
      card.dataset.state = 'done';
      card.replaceChildren(h('div', { className: 'card-title', role: 'status' }, done));
    }).catch(() => {
      controls.forEach(c => { c.disabled = false; });
    });
  }

  queue(payload) {
    const lines = [];
    if (payload.position != null) lines.push(h('div', { className: 'queue-position' }, this.t('queue', { position: Number(payload.position) || payload.position })));
    const wait = this.duration(payload.expectedWait);
    if (wait) lines.push(h('div', { className: 'queue-wait' }, this.t('queueWait', { wait })));
    return lines.length ? h('div', { className: 'card info queue' }, lines) : null;
  }

  /** Seconds (number), an ISO-8601 duration ("PT5M") or display text. */
  duration(value) {
    if (value == null || value === '') return null;
    let seconds = typeof value === 'number' ? value : null;
    const iso = typeof value === 'string' && /^P(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)$/.exec(value);
    if (iso) seconds = (Number(iso[1] || 0) * 3600) + (Number(iso[2] || 0) * 60) + Number(iso[3] || 0);
    if (seconds == null) return String(value);
    return this.t('minutes', { n: Math.max(1, Math.ceil(seconds / 60)) });
  }

  /** Whether the server sends email (the widget's mail() option, from GET /api/widget/mail); unknown means no. */
  sendsEmail() {
    return typeof this.mail === 'function' && Boolean((this.mail() || {}).email);
  }

  /** The email form posts the address to the server (contact for the ticket); the server confirms in the thread. */
  outOfHours(interactive, message) {
    const input = h('input', {
      type: 'email', className: 'email-input', placeholder: this.t('emailPlaceholder'), 'aria-label': this.t('emailLabel'),
      autocomplete: 'email', required: true, disabled: !interactive,
    });
    const button = h('button', { type: 'submit', className: 'primary small', disabled: !interactive }, this.t('emailSubmit'));
    const form = h('form', {
      className: 'email-form',
      onsubmit: event => {
        event.preventDefault();
        const email = input.value.trim();
        if (email && input.checkValidity()) {
          // the confirmation promises a reply by email only when the server sends email (GET /api/widget/mail)
          const saved = this.sendsEmail() ? this.t('emailSaved', { email }) : this.t('emailSavedNoEmail', { email });
          this.submit(card, [input, button], () => this.contact(message.conversationId, email), saved);
        }
      },
    }, input, button);
    const title = this.sendsEmail() ? this.t('outOfHours') : this.t('outOfHoursNoEmail');
    const card = h('div', { className: 'card info out-of-hours' }, h('div', { className: 'card-title' }, title), form);
    return card;
  }
}

function cssIdent(value) {
  return String(value).replace(/[^a-z0-9_-]/gi, '');
}

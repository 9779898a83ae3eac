// The transcript as an agent sees it: customer, bot, agent and system messages, private notes, and for bot messages
// what the bot decided and which articles it used (the message payload, docs/API.md "Bot messages").
// Customer text is always plain text; bot and agent text is Markdown through marked + DOMPurify.

import { h, humanize, isObject, safeUrl, time, dateTime } from './dom.js';

const KINDS = {
  answer: 'Answer', clarify: 'Clarifying question', dont_know: 'Didn\'t know', offer_human: 'Offered a person',
  handoff: 'Handed off', small_talk: 'Small talk', resolved: 'Resolved by bot',
};

export class TranscriptRenderer {
  /** @param {(text: string) => DocumentFragment} markdown */
  constructor(markdown) {
    this.markdown = markdown;
  }

  /** One message element; {@code unread} marks customer messages after the agents' read marker. */
  message(message, { unread = false } = {}) {
    const author = isObject(message.author) ? message.author : { type: 'system' };
    const type = ['customer', 'bot', 'agent', 'system'].includes(author.type) ? author.type : 'system';
    const payload = isObject(message.payload) ? message.payload : {};
    if (type === 'system') {
      return h('li', { className: 'msg msg-system', dataset: { seq: message.seq, id: message.id } },
        h('span', { className: 'system-text' }, String(message.text ?? '')),
        payload.kind ? h('span', { className: 'chip' }, humanize(payload.kind)) : null,
        this.queueInfo(payload),
        h('time', { datetime: message.createdAt, title: dateTime(message.createdAt) }, time(message.createdAt)));
    }
    return h('li', {
      className: `msg msg-${type}${unread ? ' unread' : ''}`,
      dataset: { seq: message.seq, id: message.id, author: type },
    },
    h('div', { className: 'msg-head' },
      h('span', { className: 'msg-author' }, authorName(author)),
      type === 'bot' && payload.kind ? h('span', { className: `chip kind kind-${cssIdent(payload.kind)}` }, KINDS[payload.kind] || humanize(payload.kind)) : null,
      unread ? h('span', { className: 'chip unread-chip' }, 'New') : null,
      h('time', { datetime: message.createdAt, title: dateTime(message.createdAt) }, time(message.createdAt))),
    this.text(message.text, type !== 'customer'),
    type === 'bot' ? this.botDetails(payload) : null);
  }

  /** A private note (staff only; the customer never sees it). */
  note(note) {
    const name = note.authorName || (note.author && note.author.name) || 'Agent';
    return h('li', { className: 'msg msg-note', dataset: { id: note.id } },
      h('div', { className: 'msg-head' },
        h('span', { className: 'msg-author' }, name),
        h('span', { className: 'chip note-chip' }, 'Private note'),
        h('time', { datetime: note.createdAt, title: dateTime(note.createdAt) }, time(note.createdAt))),
      h('div', { className: 'text' }, String(note.text ?? note.body ?? '')));
  }

  text(text, markdown) {
    const body = h('div', { className: 'text' });
    if (text === null || text === undefined || text === '') return body;
    if (markdown && this.markdown) {
      body.classList.add('markdown');
      body.appendChild(this.markdown(String(text)));
    } else {
      body.textContent = String(text);
    }
    return body;
  }

  botDetails(payload) {
    const parts = [];
    const decision = isObject(payload.decision) ? payload.decision : null;
    if (decision || payload.handoffReason || payload.offeredHandoffReason) {
      parts.push(h('div', { className: 'decision' },
        decision && decision.action ? h('span', null, 'Decision: ', h('strong', null, humanize(decision.action))) : null,
        decision && typeof decision.confidence === 'number' ? h('span', null, `confidence ${decision.confidence.toFixed(2)}`) : null,
        decision && decision.searchedLocale ? h('span', null, `locale ${decision.searchedLocale}`) : null,
        payload.writer ? h('span', null, `writer ${payload.writer}`) : null,
        payload.handoffReason ? h('span', null, 'Handoff: ', h('strong', null, humanize(payload.handoffReason))) : null,
        payload.offeredHandoffReason ? h('span', null, `offered a person (${humanize(payload.offeredHandoffReason)})`) : null));
    }
    if (Array.isArray(payload.sources) && payload.sources.length) {
      parts.push(sourceList(payload.sources.filter(isObject).slice(0, 5), 'Sources the bot used', payload.answeredArticleId));
    }
    if (Array.isArray(payload.quickReplies) && payload.quickReplies.length) {
      parts.push(h('div', { className: 'quick-replies', 'aria-label': 'Buttons offered to the customer' },
        payload.quickReplies.filter(isObject).map(r => h('span', { className: 'chip' }, String(r.label ?? r.value ?? '')))));
    }
    return parts.length ? h('div', { className: 'bot-details' }, parts) : null;
  }

  queueInfo(payload) {
    if (payload.position === undefined || payload.position === null) return null;
    return h('span', { className: 'chip' }, `position ${payload.position}`);
  }
}

/** A list of article links with their scores (bot sources, suggested articles). */
export function sourceList(sources, label, highlightId) {
  return h('ul', { className: 'sources', 'aria-label': label },
    sources.map(source => {
      const url = safeUrl(source.url);
      const title = String(source.title || source.slug || source.url || 'Article');
      const score = typeof source.score === 'number' ? source.score.toFixed(2) : null;
      return h('li', { className: `source${highlightId && source.articleId === highlightId ? ' answered' : ''}`, dataset: { slug: source.slug } },
        url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, title) : h('span', null, title),
        source.section && source.section !== title ? h('span', { className: 'source-section' }, ` › ${source.section}`) : null,
        score ? h('span', { className: 'score', title: 'Retrieval score' }, score) : null,
        source.snippet ? h('div', { className: 'snippet' }, String(source.snippet)) : null);
    }));
}

export function authorName(author) {
  if (!author) return 'Someone';
  if (author.type === 'customer') return author.name || 'Customer';
  if (author.type === 'bot') return author.name ? `${author.name} (bot)` : 'Bot';
  if (author.type === 'agent') return author.name || 'Agent';
  return author.name || 'System';
}

function cssIdent(value) {
  return String(value).replace(/[^a-z0-9_-]/gi, '');
}

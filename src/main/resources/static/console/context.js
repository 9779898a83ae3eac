// The right-hand context of the open conversation: why it was handed off and the bot's summary, the articles the
// bot tried, the ticket (number, status, priority, tags, timeline), suggested articles, and the customer with their
// earlier conversations. Everything is text (no HTML from the server is ever parsed here).

import { h, fill, humanize, dateTime, ago, safeUrl } from './dom.js';
import { sourceList } from './transcript.js';

const STATUSES = ['open', 'pending', 'solved', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

export class ContextView {
  constructor(pane, actions) {
    this.pane = pane;
    this.actions = actions; // insert(text)
    this.item = null;
  }

  render(item, { me, backend }) {
    const first = !this.item || this.item.id !== item.id;
    this.item = item;
    this.me = me;
    this.backend = backend;
    const context = item.context || {};
    this.ticketSection = h('section', { className: 'card ticket', 'aria-labelledby': 'ctx-ticket' });
    this.timelineList = h('ol', { className: 'timeline', 'aria-label': 'Ticket timeline' });
    this.suggestions = h('div', { className: 'suggestions' }, h('p', { className: 'muted' }, 'Searching…'));
    fill(this.pane,
      this.handoffSection(item, context),
      this.ticketSection,
      this.botSourcesSection(context),
      h('section', { className: 'card', 'aria-labelledby': 'ctx-suggested' },
        h('h3', { id: 'ctx-suggested' }, 'Suggested articles'), this.suggestions),
      this.customerSection(item, context));
    this.renderTicket(item.ticket);
    if (first || !this.suggestionsLoaded) this.loadSuggestions();
    else this.showSuggestions(this.suggestionsLoaded);
    if (item.ticket) this.loadTicket(item.ticket.id);
  }

  handoffSection(item, context) {
    const rows = [];
    if (item.reason) rows.push(['Reason', h('span', { className: 'chip reason' }, humanize(item.reason))]);
    if (item.question) rows.push(['Question', h('q', null, item.question)]);
    if (item.queuedAt) rows.push(['Handed off', `${dateTime(item.queuedAt)} (${ago(item.queuedAt)} ago)`]);
    if (item.team) rows.push(['Team', item.team.name]);
    if (item.position) rows.push(['Queue position', String(item.position)]);
    if (item.outOfHours) rows.push(['Hours', h('span', { className: 'chip warn' }, 'Arrived out of hours')]);
    if (item.contactEmail) rows.push(['Reply by email', item.contactEmail]);
    return h('section', { className: 'card handoff', 'aria-labelledby': 'ctx-handoff' },
      h('h3', { id: 'ctx-handoff' }, 'Handoff'),
      definitionList(rows),
      h('div', { className: 'summary' },
        h('div', { className: 'summary-head' }, h('strong', null, 'Summary'),
          context.summarySource ? h('span', { className: 'chip' }, context.summarySource === 'llm' ? 'Written by the LLM' : 'Built from the conversation') : null),
        h('p', { className: 'summary-text' }, context.summary || 'No summary yet.')));
  }

  botSourcesSection(context) {
    const sources = Array.isArray(context.botSources) ? context.botSources : [];
    return h('section', { className: 'card bot-sources', 'aria-labelledby': 'ctx-sources' },
      h('h3', { id: 'ctx-sources' }, 'Articles the bot tried'),
      sources.length ? sourceList(sources, 'Articles the bot tried') : h('p', { className: 'muted' }, 'The bot showed no articles.'));
  }

  customerSection(item, context) {
    const customer = item.customer || {};
    const earlier = Array.isArray(context.earlierConversations) ? context.earlierConversations : [];
    return h('section', { className: 'card customer', 'aria-labelledby': 'ctx-customer' },
      h('h3', { id: 'ctx-customer' }, 'Customer'),
      definitionList([
        ['Name', customer.name ? attested(customer, 'name', customer.name) : 'Anonymous visitor'],
        ['Email', customer.email ? attested(customer, 'email', customer.email) : '—'],
        ...(customer.company ? [['Company', attested(customer, 'company', customer.company)]] : []),
        ['Language', customer.locale || item.locale || '—'],
        // "Verified" only for what the host application signed: a user hash proves the user id, not the name
        ['Identity', customer.identified ? 'Signed in to your app' : 'Anonymous visitor'],
        ...Object.entries(customer.attributes || {}).slice(0, 50)
          .map(([key, value]) => [key, [typeof value === 'string' ? value : JSON.stringify(value), ' ', verifiedChip(true)]]),
      ]),
      h('h4', null, `Earlier conversations (${earlier.length})`),
      earlier.length
        ? h('ul', { className: 'earlier' }, earlier.map(c => h('li', null,
          h('span', { className: 'earlier-subject' }, c.subject || 'Untitled conversation'),
          h('span', { className: 'muted' }, [dateTime(c.lastMessageAt || c.createdAt),
            c.ticketNumber ? `#${c.ticketNumber}` : null, c.state ? humanize(c.state) : null, `${c.lastSeq || 0} messages`].filter(Boolean).join(' · ')))))
        : h('p', { className: 'muted' }, 'None.'));
  }

  renderTicket(ticket) {
    if (!ticket) {
      fill(this.ticketSection, h('h3', { id: 'ctx-ticket' }, 'Ticket'), h('p', { className: 'muted' }, 'No ticket yet.'));
      return;
    }
    this.ticket = ticket;
    const status = select('ticket-status', 'Ticket status', STATUSES, ticket.status, value => this.patch({ status: value }));
    const priority = select('ticket-priority', 'Ticket priority', PRIORITIES, ticket.priority, value => this.patch({ priority: value }));
    const tags = Array.isArray(ticket.tags) ? ticket.tags : [];
    fill(this.ticketSection,
      h('h3', { id: 'ctx-ticket' }, 'Ticket ', h('span', { className: 'ticket-number' }, `#${ticket.number}`)),
      ticket.subject ? h('p', { className: 'ticket-subject' }, ticket.subject) : null,
      h('div', { className: 'ticket-fields' },
        h('label', { for: 'ticket-status' }, 'Status'), status,
        h('label', { for: 'ticket-priority' }, 'Priority'), priority),
      h('div', { className: 'tags', 'aria-label': 'Tags' }, tags.length ? tags.map(t => h('span', { className: 'chip tag' }, t)) : h('span', { className: 'muted' }, 'No tags')),
      ticket.rating ? h('p', { className: 'rating' }, `Rated ${ticket.rating.score}/5`, ticket.rating.comment ? ` — “${ticket.rating.comment}”` : '') : null,
      h('h4', null, 'Timeline'),
      this.timelineList);
  }

  updateTicket(ticket) {
    if (!this.item || !ticket) return;
    this.item = { ...this.item, ticket: { ...this.item.ticket, ...ticket } };
    this.renderTicket(this.item.ticket);
    this.loadTicket(ticket.id);
  }

  refreshTicket() {
    if (this.ticket) this.loadTicket(this.ticket.id);
  }

  async loadTicket(ticketId) {
    try {
      const [ticket, timeline] = await Promise.all([this.backend.ticket(ticketId), this.backend.timeline(ticketId)]);
      if (!this.item || !this.item.ticket || this.item.ticket.id !== ticketId) return;
      if (ticket.summary && this.item.context && !this.item.context.summary) {
        this.pane.querySelector('.summary-text').textContent = ticket.summary;
      }
      this.renderTicket({ ...this.item.ticket, ...ticket });
      this.renderTimeline(timeline || []);
    } catch {
      this.renderTimeline(null);
    }
  }

  renderTimeline(timeline) {
    if (!timeline) {
      fill(this.timelineList, h('li', { className: 'muted' }, 'The timeline could not be loaded.'));
      return;
    }
    fill(this.timelineList, timeline.length ? timeline.map(event => h('li', { className: `tl tl-${event.type}` },
      h('time', { datetime: event.at, title: dateTime(event.at) }, dateTime(event.at)),
      h('span', { className: 'tl-text' }, timelineText(event)))) : h('li', { className: 'muted' }, 'Nothing yet.'));
  }

  async patch(changes) {
    // the edit is based on the version on screen: another agent's change in between is refused (409), not overwritten
    const based = typeof this.ticket.version === 'number' ? { ...changes, version: this.ticket.version } : changes;
    try {
      const ticket = await this.backend.updateTicket(this.ticket.id, based);
      this.updateTicket(ticket);
    } catch (e) {
      this.renderTicket(this.ticket);
      if (e && e.code === 'ticket_version_conflict') this.loadTicket(this.ticket.id);
      this.actions.error && this.actions.error(e);
    }
  }

  async loadSuggestions() {
    try {
      const articles = await this.backend.suggestedArticles(this.item.id);
      this.suggestionsLoaded = articles || [];
      this.showSuggestions(this.suggestionsLoaded);
    } catch {
      fill(this.suggestions, h('p', { className: 'muted' }, 'Suggestions are unavailable.'));
    }
  }

  showSuggestions(articles) {
    if (!articles.length) {
      fill(this.suggestions, h('p', { className: 'muted' }, 'No article matches the customer\'s last messages.'));
      return;
    }
    fill(this.suggestions, h('ul', { className: 'sources suggested', 'aria-label': 'Suggested articles' }, articles.map(article => {
      const url = safeUrl(article.url);
      return h('li', { className: 'source', dataset: { slug: article.slug } },
        url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, article.title) : h('span', null, article.title),
        typeof article.score === 'number' ? h('span', { className: 'score', title: 'Search score' }, article.score.toFixed(2)) : null,
        article.snippet ? h('div', { className: 'snippet' }, article.snippet) : null,
        url ? h('button', {
          type: 'button', className: 'link-button insert-link', 'aria-label': `Insert a link to “${article.title}” into the reply`,
          onclick: () => this.actions.insert(`[${article.title}](${url})`),
        }, 'Insert link') : null);
    })));
  }
}

/** A customer's attribute with whether the host application signed it (issue #15: the browser's word is not proof). */
function attested(customer, field, value) {
  const verified = Array.isArray(customer.verified) && customer.verified.includes(field);
  return [value, ' ', verifiedChip(verified)];
}

function verifiedChip(verified) {
  return h('span', {
    className: verified ? 'chip verified' : 'chip unverified',
    title: verified ? 'Signed by your app' : 'Given by the customer\'s browser, not signed by your app',
  }, verified ? 'Verified' : 'Unverified');
}

function definitionList(rows) {
  return h('dl', { className: 'facts' }, rows.map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

function select(id, label, values, current, onchange) {
  const element = h('select', { id, 'aria-label': label, onchange: () => onchange(element.value) },
    values.map(v => h('option', { value: v, selected: v === current }, humanize(v))));
  return element;
}

function timelineText(event) {
  const actor = event.actorName || (event.actor && event.actor.name) || null;
  const data = event.data || {};
  const by = actor ? ` by ${actor}` : '';
  switch (event.type) {
    case 'created': return `Ticket created${data.reason ? ` (${humanize(data.reason)})` : ''}${data.outOfHours ? ', out of hours' : ''}`;
    case 'handed_off': return `Handed off again${data.reason ? ` (${humanize(data.reason)})` : ''}`;
    case 'status_changed': return `Status ${humanize(data.from || '')} → ${humanize(data.to || data.status || '')}${by}`;
    case 'assigned': return `Assigned to ${(data.assignee && data.assignee.name) || data.agentName || actor || 'an agent'}`;
    case 'unassigned': return `Unassigned${by}`;
    case 'note': return `${actor || 'An agent'} added a note${data.text ? `: ${data.text}` : ''}`;
    case 'rated': return `Customer rated ${data.score}/5${data.comment ? `: “${data.comment}”` : ''}`;
    case 'contact': return `Customer left an email: ${data.email || ''}`;
    case 'summary': return `Summary written${data.source === 'llm' ? ' by the LLM' : ''}`;
    case 'updated': return `${Object.keys(data).map(humanize).join(', ') || 'Ticket'} changed${by}`;
    case 'ownership': return `${humanize(data.from || '')} → ${humanize(data.to || '')}${data.reason ? ` (${humanize(data.reason)})` : ''}${by}`;
    default: return `${humanize(event.type)}${by}`;
  }
}

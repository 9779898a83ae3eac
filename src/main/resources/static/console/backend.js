// The agent-side REST API (docs/API.md "Agent side"), in the shapes the console works with.

import { id, query } from './api.js';
import { messagesAfter } from '../common/paging.js';

export class Backend {
  constructor(api) {
    this.api = api;
  }

  /** queue | mine | all → conversation items, each with {@code id} = conversationId. */
  async list(view) {
    const items = await this.api.get(`/api/agent/conversations${query({ view, limit: 100 })}`);
    return (items || []).map(normalize);
  }

  async conversation(conversationId) {
    return normalize(await this.api.get(`/api/agent/conversations/${id(conversationId)}`));
  }

  /** Every message after {@code after}, following hasMore page by page. */
  messagesAfter(conversationId, after) {
    return messagesAfter(cursor => this.api.get(`/api/agent/conversations/${id(conversationId)}/messages${query({ after: cursor })}`), after);
  }

  suggestedArticles(conversationId) {
    return this.api.get(`/api/agent/conversations/${id(conversationId)}/suggested-articles${query({ limit: 5 })}`);
  }

  savedReplies(q) {
    return this.api.get(`/api/agent/saved-replies${query({ q })}`);
  }

  /** The saved reply with its placeholders filled in for this conversation and me. */
  expandSavedReply(conversationId, replyId) {
    return this.api.get(`/api/agent/conversations/${id(conversationId)}/saved-replies/${id(replyId)}`);
  }

  ticket(ticketId) {
    return this.api.get(`/api/tickets/${id(ticketId)}`);
  }

  timeline(ticketId) {
    return this.api.get(`/api/tickets/${id(ticketId)}/timeline`);
  }

  notes(ticketId) {
    return this.api.get(`/api/tickets/${id(ticketId)}/notes`);
  }

  /** A private note: on the ticket when there is one (the usual case), else through the conversation command. */
  addNote(conversationId, ticketId, text) {
    return ticketId
      ? this.api.post(`/api/tickets/${id(ticketId)}/notes`, { text })
      : this.api.post(`/api/agent/conversations/${id(conversationId)}/note`, { text });
  }

  updateTicket(ticketId, changes) {
    return this.api.call('PATCH', `/api/tickets/${id(ticketId)}`, changes);
  }

  agents() {
    return this.api.get('/api/agent/agents');
  }

  async presence() {
    const result = await this.api.get('/api/agent/presence');
    return result && result.presence;
  }

  async setPresence(presence) {
    const result = await this.api.put('/api/agent/presence', { presence });
    return { status: result && result.presence };
  }
}

/** The API names the conversation {@code conversationId}; the console calls it {@code id}. */
export function normalize(item) {
  if (!item) return item;
  return { ...item, id: item.conversationId || item.id };
}

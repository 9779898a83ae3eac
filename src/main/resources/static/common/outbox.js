// Messages on their way to the server, keyed by clientMessageId until acked (the server stores a clientMessageId
// once, so sending again is always safe). Unacked messages are sent again after a while and after every reconnect.
// A refusal with code "unavailable" (the server's database is briefly out) is not final: the message stays and is
// retried with backoff, same clientMessageId. Any other refusal is final and handed to onRefused.

import { backoff } from './connection.js';

export const RESEND_AFTER_MS = 8000;
export const RETRYABLE = new Set(['unavailable']);

export class Outbox {
  /**
   * @param {{publish(destination: string, body: object): boolean}} connection
   * @param {object} options
   * @param {(entry: object) => string} options.destination where an entry is sent
   * @param {(entry: object) => object} options.body the frame's body (must carry the clientMessageId)
   * @param {{load(): object[], save(entries: object[]): void}} [options.store] where entries survive a reload
   * @param {(entry: object, error: object) => void} [options.onRefused] a final refusal (the entry carries it as error)
   * @param {() => number} [options.now]
   */
  constructor(connection, { destination, body, store = null, onRefused = () => { }, now = Date.now, random = Math.random }) {
    this.connection = connection;
    this.options = { destination, body, store, onRefused, now, random };
    this.entries = (store ? store.load() : []).map(e => ({ ...e, sentAt: 0, retryAt: 0, retries: 0 }));
  }

  /** Keeps the entry (it must have clientMessageId) and sends it now if connected. */
  add(entry) {
    const kept = { ...entry, sentAt: 0, retryAt: 0, retries: 0 };
    this.entries.push(kept);
    this.save();
    this.send(kept);
    return kept;
  }

  /** Keeps an entry the caller has just sent itself (so it can tell the user when it could not). */
  keep(entry) {
    const kept = { ...entry, sentAt: this.options.now(), retryAt: 0, retries: 0 };
    this.entries.push(kept);
    this.save();
    return kept;
  }

  find(clientMessageId) {
    return this.entries.find(e => e.clientMessageId === clientMessageId) || null;
  }

  /** The server stored it (ack, or the message itself arrived): forget it. True when it was here. */
  delivered(clientMessageId) {
    return this.remove(clientMessageId);
  }

  remove(clientMessageId) {
    const before = this.entries.length;
    this.entries = this.entries.filter(e => e.clientMessageId !== clientMessageId);
    if (this.entries.length === before) return false;
    this.save();
    return true;
  }

  /**
   * A refusal from /user/queue/errors ({clientMessageId, code, reason}). Returns 'retry' (kept, sent again later),
   * 'refused' (final; the entry now carries the error) or null (not one of ours).
   */
  refused(error) {
    const entry = error && this.find(error.clientMessageId);
    if (!entry) return null;
    if (RETRYABLE.has(error.code)) {
      entry.retryAt = this.options.now() + backoff(entry.retries, this.options.random);
      entry.retries++;
      return 'retry';
    }
    entry.error = { code: error.code, reason: error.reason };
    this.save();
    this.options.onRefused(entry, error);
    return 'refused';
  }

  /** After a (re)connect: everything not finally refused goes out again. */
  flush() {
    for (const entry of this.entries) {
      if (!entry.error) this.send(entry);
    }
  }

  /** Called every second or two: sends what is due (unacked for a while, or a retry whose backoff ran out). */
  tick() {
    const now = this.options.now();
    for (const entry of this.entries) {
      if (entry.error) continue;
      const due = entry.retryAt ? now >= entry.retryAt : now - entry.sentAt > RESEND_AFTER_MS;
      if (due) this.send(entry);
    }
  }

  send(entry) {
    if (entry.error) return false;
    if (!this.connection.publish(this.options.destination(entry), this.options.body(entry))) return false;
    entry.sentAt = this.options.now();
    entry.retryAt = 0;
    return true;
  }

  save() {
    if (!this.options.store) return;
    this.options.store.save(this.entries.map(({ sentAt, retryAt, retries, ...kept }) => kept));
  }
}

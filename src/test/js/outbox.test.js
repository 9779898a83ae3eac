import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, RESEND_AFTER_MS } from '../../main/resources/static/common/outbox.js';
import { clock } from './fakes.js';

function setup({ online = true, stored = [] } = {}) {
  const sent = [];
  const saved = [];
  const refusals = [];
  const connection = { online, publish(destination, body) { if (!this.online) return false; sent.push({ destination, body }); return true; } };
  const now = clock();
  const outbox = new Outbox(connection, {
    destination: e => `/app/conversations/${e.conversationId}/messages`,
    body: e => ({ clientMessageId: e.clientMessageId, text: e.text }),
    store: { load: () => stored, save: entries => saved.push(entries) },
    onRefused: (entry, error) => refusals.push([entry.clientMessageId, error.code]),
    now, random: () => 0.5,
  });
  return { outbox, connection, sent, saved, refusals, now };
}

const message = (n) => ({ conversationId: 'c1', clientMessageId: `m${n}`, text: `text ${n}` });

test('a message is sent at once when connected and forgotten when delivered', () => {
  const { outbox, sent } = setup();
  outbox.add(message(1));
  assert.deepEqual(sent, [{ destination: '/app/conversations/c1/messages', body: { clientMessageId: 'm1', text: 'text 1' } }]);
  assert.equal(outbox.delivered('m1'), true);
  assert.equal(outbox.entries.length, 0);
  assert.equal(outbox.delivered('m1'), false);
});

test('a message written offline waits and goes out on flush after the reconnect', () => {
  const { outbox, sent, connection } = setup({ online: false });
  outbox.add(message(1));
  assert.equal(sent.length, 0);
  connection.online = true;
  outbox.flush();
  assert.deepEqual(sent.map(s => s.body.clientMessageId), ['m1']);
});

test('"unavailable" is not final: the same clientMessageId is sent again once the backoff has passed', () => {
  const { outbox, sent, now, refusals } = setup();
  outbox.add(message(1));
  assert.equal(outbox.refused({ clientMessageId: 'm1', code: 'unavailable', reason: 'database down' }), 'retry');
  assert.equal(outbox.find('m1').error, undefined, 'no error is shown for it');
  outbox.tick();
  assert.equal(sent.length, 1, 'not before the backoff');
  now.advance(1000);
  outbox.tick();
  assert.deepEqual(sent.map(s => s.body), [{ clientMessageId: 'm1', text: 'text 1' }, { clientMessageId: 'm1', text: 'text 1' }]);
  // a second refusal waits twice as long
  outbox.refused({ clientMessageId: 'm1', code: 'unavailable' });
  now.advance(1999);
  outbox.tick();
  assert.equal(sent.length, 2);
  now.advance(1);
  outbox.tick();
  assert.equal(sent.length, 3);
  assert.deepEqual(refusals, []);
});

test('any other refusal is final: the entry carries the error, is reported once and is not sent again', () => {
  const { outbox, sent, now, refusals } = setup();
  outbox.add(message(1));
  assert.equal(outbox.refused({ clientMessageId: 'm1', code: 'message_too_long', reason: 'Too long' }), 'refused');
  assert.deepEqual(outbox.find('m1').error, { code: 'message_too_long', reason: 'Too long' });
  assert.deepEqual(refusals, [['m1', 'message_too_long']]);
  now.advance(RESEND_AFTER_MS * 3);
  outbox.tick();
  outbox.flush();
  assert.equal(sent.length, 1);
});

test('a refusal for a message that is not ours is left to the caller', () => {
  const { outbox } = setup();
  assert.equal(outbox.refused({ clientMessageId: 'other', code: 'unavailable' }), null);
  assert.equal(outbox.refused(null), null);
});

test('an unacked message is sent again after a while; a kept one counts as just sent', () => {
  const { outbox, sent, now } = setup();
  outbox.keep(message(1));
  outbox.tick();
  assert.equal(sent.length, 0);
  now.advance(RESEND_AFTER_MS + 1);
  outbox.tick();
  assert.deepEqual(sent.map(s => s.body.clientMessageId), ['m1']);
});

test('the store gets the entries without the delivery bookkeeping, and a reload brings them back', () => {
  const stored = [{ ...message(7), createdAt: '2026-01-01T00:00:00Z' }];
  const { outbox, saved, sent } = setup({ stored });
  assert.deepEqual(outbox.entries.map(e => e.clientMessageId), ['m7']);
  outbox.flush();
  assert.equal(sent.length, 1);
  outbox.add(message(8));
  assert.deepEqual(saved.at(-1), [{ ...message(7), createdAt: '2026-01-01T00:00:00Z' }, message(8)]);
  outbox.remove('m7');
  outbox.remove('m8');
  assert.deepEqual(saved.at(-1), []);
});

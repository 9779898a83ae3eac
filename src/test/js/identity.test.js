import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetStored, identityKey, subjectOf, withIdentity } from '../../main/resources/static/widget/identity.js';

class MemoryStorage {
  constructor(entries = {}) { this.map = new Map(Object.entries(entries)); }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

function jwt(payload) {
  const part = value => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.signature`;
}

test('the storage of a signed identity is keyed by the token\'s sub, of an anonymous visitor by "visitor"', () => {
  assert.equal(identityKey({ jwt: jwt({ sub: 'user-ü-42', exp: 1 }) }), 'user:user-ü-42');
  assert.equal(identityKey({ userId: 'u-7', userHash: 'ab' }), 'user:u-7');
  assert.equal(identityKey({}), 'visitor');
  assert.equal(subjectOf('not a jwt'), null);
  assert.equal(subjectOf(jwt({ sub: 5 })), null);
});

test('logout forgets every session, outbox, title and the visitor id of this server, and nothing of others', () => {
  const server = 'https://support.example';
  const local = new MemoryStorage({
    [`parley:${server}:session:user:alice`]: '{"token":"t"}',
    [`parley:${server}:session:visitor`]: '{"token":"v"}',
    [`parley:${server}:visitorId`]: 'v_123',
    [`parley:${server}:outbox:user:alice`]: '[]',
    [`parley:${server}:titles:user:alice`]: '{}',
    'parley:https://other.example:visitorId': 'v_other',
    'unrelated': 'kept',
  });
  const session = new MemoryStorage({ [`parley:${server}:ui`]: '{"open":true,"current":"c1"}' });

  forgetStored(server, { local, session });

  assert.deepEqual([...local.map.keys()].sort(), ['parley:https://other.example:visitorId', 'unrelated']);
  assert.equal(session.length, 0);
});

test('signing in keeps only the visitor id, so what the visitor started follows them into their account', () => {
  const server = 'https://support.example';
  const local = new MemoryStorage({ [`parley:${server}:session:visitor`]: '{"token":"v"}', [`parley:${server}:visitorId`]: 'v_123' });

  forgetStored(server, { local, keepVisitor: true });

  assert.deepEqual([...local.map.keys()], [`parley:${server}:visitorId`]);
});

test('a new identity replaces every identity field and keeps the rest of the config', () => {
  const config = { server: 'https://s', locale: 'de', userId: 'old', userHash: 'h', name: 'Old', color: '#123456' };
  assert.deepEqual(withIdentity(config, { jwt: 'a.b.c' }), { server: 'https://s', locale: 'de', color: '#123456', jwt: 'a.b.c' });
  assert.deepEqual(withIdentity(config), { server: 'https://s', locale: 'de', color: '#123456' });
});

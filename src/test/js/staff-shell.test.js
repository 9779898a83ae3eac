import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSession, matchRoute, hasRole } from '../../main/resources/static/common/staff-shell.js';

class MemoryStorage {
  constructor(entries = {}) { this.map = new Map(Object.entries(entries)); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
}

const NOW = Date.parse('2026-12-02T04:00:00Z');

test('a stored session is read back until it expires; broken or token-less ones are none', () => {
  const live = { token: 't', expiresAt: '2026-12-02T05:00:00Z' };
  assert.deepEqual(readSession(new MemoryStorage({ k: JSON.stringify(live) }), 'k', NOW), live);
  assert.equal(readSession(new MemoryStorage({ k: JSON.stringify({ token: 't', expiresAt: '2026-12-02T03:59:59Z' }) }), 'k', NOW), null);
  assert.equal(readSession(new MemoryStorage({ k: JSON.stringify({ expiresAt: '2026-12-02T05:00:00Z' }) }), 'k', NOW), null);
  assert.equal(readSession(new MemoryStorage({ k: '{not json' }), 'k', NOW), null);
  assert.equal(readSession(new MemoryStorage(), 'k', NOW), null);
});

const routes = [
  { pattern: /^#\/articles\/?$/, section: 'articles' },
  { pattern: /^#\/articles\/([0-9a-f-]{36})$/, section: 'articles' },
  { pattern: /^#\/gaps$/, section: 'gaps' },
];

test('the first matching route wins, with the query as params and the captured id', () => {
  const found = matchRoute(routes, '#/articles/123e4567-e89b-12d3-a456-426614174000?locale=de', '#/articles');
  assert.equal(found.route, routes[1]);
  assert.equal(found.match[1], '123e4567-e89b-12d3-a456-426614174000');
  assert.equal(found.params.get('locale'), 'de');
  assert.equal(matchRoute(routes, '#/gaps', '#/articles').route.section, 'gaps');
});

test('an empty fragment is home; an unknown one matches nothing', () => {
  assert.equal(matchRoute(routes, '', '#/articles').route, routes[0]);
  assert.equal(matchRoute(routes, '#/nowhere', '#/articles'), null);
  assert.equal(matchRoute(routes, '#/gapsX', '#/articles'), null);
});

test('the app lets in only accounts with its role', () => {
  assert.ok(hasRole({ roles: ['AGENT', 'ADMIN'] }, 'ADMIN'));
  assert.ok(!hasRole({ roles: ['WRITER'] }, 'ADMIN'));
  assert.ok(!hasRole({}, 'ADMIN'));
  assert.ok(!hasRole(null, 'ADMIN'));
});

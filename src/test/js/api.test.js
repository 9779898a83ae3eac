import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, Client, query, request } from '../../main/resources/static/common/api.js';
import { fakeFetch } from './fakes.js';

test('a problem+json answer becomes an ApiError with its code, detail and fields', async () => {
  const fetch = fakeFetch({ status: 400, body: { title: 'Bad Request', detail: 'title must not be blank', code: 'validation_failed', fields: { title: 'must not be blank' } } });
  const error = await request('POST', '/api/articles', { body: {}, fetch }).then(() => null, e => e);
  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 400);
  assert.equal(error.code, 'validation_failed');
  assert.equal(error.message, 'title must not be blank');
  assert.deepEqual(error.fields, { title: 'must not be blank' });
  assert.equal(fetch.calls[0].headers['Content-Type'], 'application/json');
  assert.equal(fetch.calls[0].body, '{}');
});

test('an error without a problem body still says what happened', async () => {
  const error = await request('GET', '/x', { fetch: fakeFetch({ status: 502 }) }).catch(e => e);
  assert.equal(error.code, 'http_502');
  assert.equal(error.message, 'The server answered 502');
  const offline = await request('GET', '/x', { fetch: fakeFetch(new TypeError('Failed to fetch')) }).catch(e => e);
  assert.equal(offline.status, 0);
  assert.match(offline.message, /cannot be reached/);
});

test('204 and empty bodies are null; JSON bodies are parsed', async () => {
  const fetch = fakeFetch({ status: 204 }, { status: 200, body: { a: 1 } });
  assert.equal(await request('DELETE', '/x', { fetch }), null);
  assert.deepEqual(await request('GET', '/x', { fetch }), { a: 1 });
  assert.equal(fetch.calls[0].headers.Authorization, undefined);
});

test('a 401 with a token asks the hook; true retries once with the fresh token', async () => {
  let token = 'old';
  let asked = 0;
  const fetch = fakeFetch({ status: 401 }, { status: 200, body: { ok: true } });
  const client = new Client({ base: 'https://s.example/', token: async () => token, unauthorized: () => { asked++; token = 'new'; return true; }, fetch });
  assert.deepEqual(await client.get('/api/widget/conversations'), { ok: true });
  assert.equal(asked, 1);
  assert.deepEqual(fetch.calls.map(c => [c.url, c.headers.Authorization]),
    [['https://s.example/api/widget/conversations', 'Bearer old'], ['https://s.example/api/widget/conversations', 'Bearer new']]);
});

test('a second 401 is not retried, and a hook that says false lets the 401 through', async () => {
  let asked = 0;
  const again = new Client({ token: () => 't', unauthorized: () => { asked++; return true; }, fetch: fakeFetch({ status: 401 }, { status: 401 }) });
  assert.equal((await again.get('/x').catch(e => e)).status, 401);
  assert.equal(asked, 1);
  const signOut = new Client({ token: () => 't', unauthorized: () => false, fetch: fakeFetch({ status: 401 }) });
  assert.equal((await signOut.post('/x').catch(e => e)).status, 401);
});

test('query keeps the non-empty parameters', () => {
  assert.equal(query({ q: 'a b', empty: '', none: null, limit: 5 }), '?q=a+b&limit=5');
  assert.equal(query({}), '');
});

test('a subclass may have a token getter of its own (the console keeps its token that way)', async () => {
  class Staff extends Client {
    constructor(fetch) {
      super({ token: () => this.token, fetch });
      this.auth = { token: 'staff-token' };
    }

    get token() { return this.auth.token; }
  }
  const fetch = fakeFetch({ status: 200, body: { me: 1 } });
  const staff = new Staff(fetch);
  assert.deepEqual(await staff.get('/api/auth/me'), { me: 1 });
  assert.equal(fetch.calls[0].headers.Authorization, 'Bearer staff-token');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoff, BACKOFF_MAX_MS, Connection } from '../../main/resources/static/common/connection.js';
import { FakeStompClient, fakeStomp } from './fakes.js';

function connection(options = {}) {
  const states = [];
  const errors = [];
  let connected = 0;
  const live = new Connection(fakeStomp, {
    server: 'https://support.example.com/console', token: () => 'tok-1',
    onState: (state, info) => states.push([state, info.wasConnected]), onConnected: () => connected++,
    onStompError: e => errors.push(e), ...options,
  });
  return { live, client: FakeStompClient.last, states, errors, connected: () => connected };
}

test('backoff doubles from one second, stays within 25 % jitter and stops growing at 30 s', () => {
  assert.equal(backoff(0, () => 0.5), 1000);
  assert.equal(backoff(1, () => 0.5), 2000);
  assert.equal(backoff(4, () => 0.5), 16000);
  assert.equal(backoff(5, () => 0.5), BACKOFF_MAX_MS);
  assert.equal(backoff(50, () => 0.5), BACKOFF_MAX_MS);
  assert.equal(backoff(2, () => 0), 3000);
  assert.equal(backoff(2, () => 0.999999), 5000);
});

test('connects to /ws on the server with wss for https and the bearer token on CONNECT', async () => {
  const { client, live } = connection();
  assert.equal(client.brokerURL, 'wss://support.example.com/ws');
  live.start();
  assert.ok(client.active);
  await client.connect();
  assert.deepEqual(client.connectHeaders, { Authorization: 'Bearer tok-1' });
});

test('a token that cannot be had connects without one (and the backoff tries again)', async () => {
  const { client } = connection({ token: async () => { throw new Error('offline'); } });
  await client.connect();
  assert.deepEqual(client.connectHeaders, {});
});

test('subscriptions are opened on connect and renewed after every reconnect', async () => {
  const { live, client, connected } = connection();
  const seen = [];
  live.subscribe('inbox', '/user/queue/inbox', event => seen.push(event));
  assert.equal(client.subscriptions.length, 0, 'nothing is subscribed while offline');
  await client.connect();
  client.deliver('/user/queue/inbox', { n: 1 });
  client.drop();
  assert.equal(live.connected, false);
  await client.connect();
  assert.deepEqual(client.subscriptions.map(s => s.destination), ['/user/queue/inbox', '/user/queue/inbox']);
  client.deliver('/user/queue/inbox', { n: 2 });
  assert.deepEqual(seen.map(e => e.n), [1, 2, 2], 'the first subscription object belongs to the dead socket');
  assert.equal(connected(), 2);
});

test('unsubscribe stops a subscription and keeps it from coming back after a reconnect', async () => {
  const { live, client } = connection();
  await client.connect();
  live.subscribe('topic:a', '/topic/conversations/a', () => { });
  assert.ok(live.has('topic:a'));
  live.unsubscribe('topic:a');
  assert.ok(client.subscriptions[0].unsubscribed);
  client.drop();
  await client.connect();
  assert.equal(client.subscriptions.length, 1);
});

test('the reconnect delay grows while the server stays away and resets once connected', async () => {
  const { client, states } = connection();
  const delays = [];
  for (let i = 0; i < 4; i++) {
    client.drop();
    delays.push(client.reconnectDelay);
  }
  assert.ok(delays[0] >= 750 && delays[0] <= 1250, `first delay ${delays[0]}`);
  assert.ok(delays[3] >= 6000 && delays[3] <= 10000, `fourth delay ${delays[3]}`);
  await client.connect();
  assert.equal(client.reconnectDelay, 1000);
  assert.deepEqual(states.at(-1), ['online', true]);
  assert.deepEqual(states[0], ['offline', false]);
});

test('publish is refused while offline and sends JSON once connected', async () => {
  const { live, client } = connection();
  assert.equal(live.publish('/app/x', { a: 1 }), false);
  await client.connect();
  assert.equal(live.publish('/app/x', { a: 1 }), true);
  assert.deepEqual(client.published, [{ destination: '/app/x', body: '{"a":1}', headers: { 'content-type': 'application/json' } }]);
});

test('an ERROR frame is reported with its code and reason', () => {
  const { client, errors } = connection();
  client.onStompError({ headers: { code: 'unavailable', message: 'The database is not reachable' }, body: '' });
  client.onStompError({ headers: {}, body: 'Refused' });
  assert.deepEqual(errors, [{ code: 'unavailable', reason: 'The database is not reachable' }, { code: 'error', reason: 'Refused' }]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messagesAfter, singleFlight } from '../../main/resources/static/common/paging.js';

test('messagesAfter follows hasMore with the last seq as the next cursor', async () => {
  const cursors = [];
  const pages = { 3: { messages: [{ seq: 4 }, { seq: 5 }], hasMore: true }, 5: { messages: [{ seq: 6 }], hasMore: false } };
  const messages = await messagesAfter(async cursor => { cursors.push(cursor); return pages[cursor]; }, 3);
  assert.deepEqual(messages.map(m => m.seq), [4, 5, 6]);
  assert.deepEqual(cursors, [3, 5]);
});

test('an empty page ends the loop even if hasMore says otherwise', async () => {
  let calls = 0;
  const messages = await messagesAfter(async () => { calls++; return { messages: [], hasMore: true }; });
  assert.deepEqual(messages, []);
  assert.equal(calls, 1);
});

test('singleFlight runs one fetch at a time and once more for a request made meanwhile', async () => {
  let runs = 0;
  let release;
  const run = singleFlight(async () => {
    runs++;
    if (runs === 1) await new Promise(resolve => { release = resolve; });
  });
  const first = run();
  const second = run();
  const third = run();
  assert.equal(runs, 1);
  assert.equal(first, second);
  assert.equal(second, third);
  release();
  await first;
  assert.equal(runs, 2, 'the two requests made during the first run are one more run');
  await run();
  assert.equal(runs, 3);
});

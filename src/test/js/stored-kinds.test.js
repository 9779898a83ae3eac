// A stored message of every kind the server ever wrote (src/test/resources/io/parley/chat/stored-payloads.json, the
// rows as the map-based server stored them; StoredMessageKindsIntegrationTests checks the server still sends them as
// before) is still shown by the widget and by the agent console, each kind as it was meant to be shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { installFakeDocument } from './fake-dom.js';

installFakeDocument();
const { MessageRenderer } = await import('../../main/resources/static/widget/render.js');
const { TranscriptRenderer } = await import('../../main/resources/static/console/transcript.js');
const { humanize } = await import('../../main/resources/static/console/dom.js');

const fixture = JSON.parse(readFileSync(new URL('../resources/io/parley/chat/stored-payloads.json', import.meta.url), 'utf8'));
const rows = new Map(fixture.rows.map(row => [row.name, row]));

function message(name, seq = 1) {
  const row = rows.get(name);
  assert.ok(row, `fixture row ${name}`);
  return {
    id: `m-${seq}`, seq, conversationId: 'c-1', text: `old row ${seq}`, createdAt: '2026-11-20T10:00:00Z',
    author: { type: row.author, name: row.author === 'bot' ? 'Parley' : null }, payload: row.payload,
  };
}

/** The widget's translator: the key, with its parameters when there are any. */
function t(key, params) {
  return params ? `${key}:${JSON.stringify(params)}` : key;
}
t.locale = 'en';

const surveyChecks = [];
const widget = new MessageRenderer({
  t, markdown: null, server: 'https://widget.example', send: () => {},
  api: { call: (method, path) => { surveyChecks.push(`${method} ${path}`); return Promise.resolve({ answered: false }); } },
});
const console = new TranscriptRenderer(null);

const texts = elements => elements.map(e => e.textContent);

test('every stored kind is in the fixture', () => {
  const kinds = new Set(fixture.rows.map(row => row.payload.kind));
  assert.deepEqual([...kinds].sort(), ['answer', 'busy', 'clarify', 'contact_saved', 'csat', 'dont_know', 'handoff', 'nps',
    'nps_answered', 'offer_human', 'out_of_hours', 'queue', 'resolved', 'returned_to_bot', 'small_talk']);
});

test('the widget shows the bot kinds: sources, quick replies, the hand-off card', () => {
  const answer = widget.render({ message: message('answer'), interactive: true });
  assert.ok(answer.classList.contains('msg-bot') && answer.classList.contains('kind-answer'));
  const [source] = answer.querySelectorAll('.source');
  assert.equal(source.getAttribute('href'), 'https://help.example/export');
  assert.equal(source.querySelector('.source-title').textContent, 'Exporting your tasks');
  assert.equal(source.querySelector('.source-snippet').textContent, 'Open Settings, then Export.');
  assert.deepEqual(texts(answer.querySelectorAll('.quick-reply')), ['Yes', 'No']);

  const clarify = widget.render({ message: message('clarify'), interactive: true });
  assert.deepEqual(texts(clarify.querySelectorAll('.quick-reply')), ['Exporting your tasks', 'Keiner davon']);
  assert.equal(clarify.querySelectorAll('.source').length, 1);
  assert.deepEqual(texts(widget.render({ message: message('dont_know'), interactive: true }).querySelectorAll('.quick-reply')),
    ['Talk to a person']);
  assert.deepEqual(texts(widget.render({ message: message('offer_human'), interactive: true }).querySelectorAll('.quick-reply')),
    ['Bir temsilciyle görüş']);
  assert.deepEqual(texts(widget.render({ message: message("offer_human without a locale (the bot's apology)"), interactive: true })
    .querySelectorAll('.quick-reply')), ['Talk to a person']);
  // quick replies are live on the newest message only
  assert.equal(widget.render({ message: message('answer'), interactive: false }).querySelectorAll('.quick-reply').length, 0);

  const handoff = widget.render({ message: message('handoff'), interactive: true });
  assert.ok(handoff.classList.contains('kind-handoff'));
  assert.deepEqual(texts(handoff.querySelectorAll('.card')), ['handoff']);
  for (const name of ['small_talk', 'busy', 'resolved', 'resolved without an answer before it']) {
    const element = widget.render({ message: message(name), interactive: true });
    assert.ok(element.classList.contains(`kind-${rows.get(name).payload.kind}`), name);
    assert.equal(element.querySelector('.payload'), null, `${name}: the text alone`);
    assert.equal(element.querySelector('.text').textContent, 'old row 1', name);
  }
});

test('the widget shows the system notices: queue, out of hours, an agent joined, rating, NPS', () => {
  const queue = widget.render({ message: message('queue'), interactive: true });
  assert.ok(queue.classList.contains('msg-system') && queue.classList.contains('kind-queue'));
  assert.equal(queue.querySelector('.queue-position').textContent, 'queue:{"position":3}');
  assert.equal(queue.querySelector('.queue-wait').textContent, 'queueWait:{"wait":"minutes:{\\"n\\":4}"}');
  const first = widget.render({ message: message('queue without history'), interactive: true });
  assert.equal(first.querySelector('.queue-position').textContent, 'queue:{"position":1}');
  assert.equal(first.querySelector('.queue-wait'), null);

  for (const name of ['out_of_hours', 'out_of_hours never open']) {
    const card = widget.render({ message: message(name), interactive: true }).querySelector('.out-of-hours');
    assert.ok(card, name);
    assert.equal(card.querySelector('.card-title').textContent, 'outOfHoursNoEmail');
    assert.equal(card.querySelector('input').getAttribute('autocomplete'), 'email');
  }

  // kind "handoff" with state "assigned" is the notice that an agent joined, not the bot's hand-off card
  const joined = widget.render({ message: message('handoff, an agent joined'), interactive: true });
  assert.equal(joined.querySelector('.card'), null);
  assert.equal(joined.querySelector('.text').textContent, 'old row 1');
  for (const name of ['returned_to_bot', 'contact_saved']) {
    assert.equal(widget.render({ message: message(name), interactive: true }).querySelector('.payload'), null, name);
  }

  const csat = widget.render({ message: message('csat', 7), interactive: true });
  assert.equal(csat.querySelectorAll('.star').length, 5);
  assert.ok(csat.querySelectorAll('.star').every(star => !star.disabled));

  const nps = widget.render({ message: message('nps', 8), interactive: true });
  const card = nps.querySelector('.nps');
  assert.equal(card.dataset.surveyId, '6f1f7d1e-8f43-4d0e-9a5b-0c5d2b7f9e11');
  assert.deepEqual(texts(card.querySelectorAll('.nps-score')), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  assert.deepEqual(surveyChecks, ['GET /api/widget/nps/6f1f7d1e-8f43-4d0e-9a5b-0c5d2b7f9e11']);
  // the answer, stored later in the thread, turns the survey's card into thanks
  widget.render({ message: message('nps_answered', 9), interactive: true });
  assert.equal(card.querySelector('.nps-thanks').textContent, 'nps_thanks');
  assert.equal(card.querySelector('.nps-score'), null);
});

test('the console shows what the bot decided, with its sources and the buttons it offered', () => {
  const answer = console.message(message('answer'));
  assert.equal(answer.querySelector('.kind').textContent, 'Answer');
  const decision = answer.querySelector('.decision').textContent;
  assert.ok(decision.includes(`Decision: ${humanize('answer')}`), decision);
  assert.ok(decision.includes('confidence 0.91') && decision.includes('locale en') && decision.includes('writer extractive'), decision);
  const [source] = answer.querySelectorAll('.source');
  assert.ok(source.classList.contains('answered'));
  assert.equal(source.querySelector('.score').textContent, '0.50');
  assert.equal(source.querySelector('.snippet').textContent, 'Open Settings, then Export.');
  assert.deepEqual(texts(answer.querySelector('.quick-replies').querySelectorAll('.chip')), ['Yes', 'No']);

  const labels = {
    clarify: 'Clarifying question', dont_know: 'Didn\'t know', offer_human: 'Offered a person', handoff: 'Handed off',
    small_talk: 'Small talk', resolved: 'Resolved by bot', busy: humanize('busy'),
  };
  for (const [name, label] of Object.entries(labels)) {
    assert.equal(console.message(message(name)).querySelector('.kind').textContent, label, name);
  }
  assert.ok(console.message(message('dont_know')).querySelector('.decision').textContent
    .includes(`offered a person (${humanize('missing_knowledge')})`));
  assert.ok(console.message(message('offer_human')).querySelector('.decision').textContent
    .includes(`offered a person (${humanize('frustration')})`));
  assert.ok(console.message(message('handoff')).querySelector('.decision').textContent
    .includes(`Handoff: ${humanize('billing_dispute')}`));
  assert.equal(console.message(message('small_talk')).querySelector('.bot-details'), null);
});

test('the console shows every system notice with its kind, and the queue position', () => {
  for (const row of fixture.rows.filter(r => r.author === 'system')) {
    const element = console.message(message(row.name));
    assert.ok(element.classList.contains('msg-system'), row.name);
    assert.equal(element.querySelector('.system-text').textContent, 'old row 1', row.name);
    const chips = texts(element.querySelectorAll('.chip'));
    assert.equal(chips[0], humanize(row.payload.kind), row.name);
    assert.deepEqual(chips.slice(1), row.payload.position == null ? [] : [`position ${row.payload.position}`], row.name);
  }
});

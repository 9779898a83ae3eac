// Sensitive topics: requests the bot never handles alone (a refund, a hacked account, a legal claim, an outage),
// each a hand-off reason code with phrases in any language (GET|PUT|DELETE /api/assistant/sensitive-topics,
// POST /api/assistant/sensitive-topics/check to try a sentence).
import { h, fill } from '../../common/dom.js';
import { toast, dialog, when } from '../../common/ui.js';

export async function sensitiveTopics(app, main) {
  document.title = 'Sensitive topics · Parley Admin';
  const source = h('p', { class: 'subtle', id: 'topics-source' });
  const list = h('div', { id: 'topic-list' });
  const add = h('button', { type: 'button', class: 'btn', id: 'add-topic' }, 'Add topic');
  const save = h('button', { type: 'button', class: 'btn btn-primary', id: 'save-topics' }, 'Save topics');
  const reset = h('button', { type: 'button', class: 'btn btn-ghost', id: 'reset-topics' }, 'Back to the configured topics');
  const sentence = h('input', { type: 'text', id: 'f-try', placeholder: 'e.g. I was charged twice this month' });
  const verdict = h('p', { id: 'try-result', 'aria-live': 'polite' });
  const tryForm = h('form', { class: 'card', id: 'try-form' }, h('h2', {}, 'Try a sentence (against the saved topics)'),
    h('div', { class: 'row' }, h('label', { for: 'f-try', class: 'sr-only' }, 'Sentence'), sentence,
      h('button', { type: 'submit', class: 'btn' }, 'Check')), verdict);
  fill(main, h('div', { class: 'page-head' }, h('h1', {}, 'Sensitive topics'), h('span', { class: 'spacer' }), add, reset, save),
    h('p', { class: 'subtle' }, 'A customer message that contains one of a topic\'s phrases (as whole words, any language) goes straight to a person, with the topic as the hand-off reason. Asking about the policy ("what is your refund policy?") is still answered by the bot: phrase requests, not subjects.'),
    source, tryForm, list);

  function topicCard(topic) {
    const reason = h('input', { type: 'text', class: 'reason', value: topic.reason, 'aria-label': 'Reason code', placeholder: 'reason_code' });
    const phrases = h('textarea', { class: 'phrases', 'aria-label': `Phrases of ${topic.reason || 'the new topic'}`, rows: 4 }, topic.phrases.join('\n'));
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-danger' }, 'Remove');
    const card = h('div', { class: 'card topic', 'data-reason': topic.reason },
      h('div', { class: 'row' }, reason, h('span', { class: 'subtle' }, `${topic.phrases.length} phrases, one per line`), remove), phrases);
    remove.addEventListener('click', () => card.remove());
    return card;
  }

  function render(settings) {
    fill(source, settings.source === 'admin'
      ? ['Saved in the admin pages by ', settings.updatedBy, ' ', when(settings.updatedAt), '.']
      : 'These are the configured topics (parley.assistant.sensitive-topics, else the built-in ones). Saving here replaces them on every node.');
    fill(list, settings.topics.map(topicCard));
  }

  add.addEventListener('click', () => {
    const card = topicCard({ reason: '', phrases: [] });
    list.prepend(card);
    card.querySelector('.reason').focus();
  });
  save.addEventListener('click', async () => {
    const topics = [...list.querySelectorAll('.topic')].map(card => ({
      reason: card.querySelector('.reason').value.trim(),
      phrases: card.querySelector('.phrases').value.split('\n').map(p => p.trim()).filter(Boolean),
    }));
    try {
      render(await app.api.put('/api/assistant/sensitive-topics', { topics }));
      toast('Sensitive topics saved. The bot uses them from the next message on.');
    } catch (e) {
      toast(Object.entries(e.fields).map(([f, m]) => `${f} ${m}`).join('; ') || e.message, 'error');
    }
  });
  reset.addEventListener('click', async () => {
    if (!(await dialog({ title: 'Go back to the configured topics?', confirm: 'Reset', danger: true,
      body: h('p', {}, 'The topics saved here are removed; the configured ones apply again.') }))) return;
    render(await app.api.del('/api/assistant/sensitive-topics'));
    toast('Back to the configured topics.');
  });
  tryForm.addEventListener('submit', async event => {
    event.preventDefault();
    if (!sentence.value.trim()) return;
    try {
      const result = await app.api.post('/api/assistant/sensitive-topics/check', { text: sentence.value });
      verdict.textContent = result.sensitive ? `Handed to a person: ${result.reason}` : 'Not sensitive: the bot may answer it.';
      verdict.className = result.sensitive ? 'status-failed' : 'status-delivered';
    } catch (e) {
      toast(e.message, 'error');
    }
  });
  render(await app.api.get('/api/assistant/sensitive-topics'));
}

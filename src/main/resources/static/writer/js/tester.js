// "Test a question": what the bot would answer, exactly (POST /api/assistant/preview runs the bot's own decision).
import { query } from './api.js';
import { h, fill, isRtl, showFieldErrors, clearFieldErrors, toast } from './dom.js';
import { calibrationPanel } from './calibration.js';

const ACTIONS = {
  answer: ['Answer', 'The bot is confident the best article answers this, and answers from it.'],
  clarify: ['Clarify', 'Several articles could fit, or one fits but not surely: the bot asks which one is meant.'],
  handoff: ['Hand off', 'The bot hands the conversation to a person straight away.'],
  handoff_offered: ['I don’t know', 'No article answers this well enough: the bot says so and offers a person.'],
  small_talk: ['Small talk', 'A greeting, thanks or goodbye: no search.'],
  resolved: ['Resolved', 'Read as a “yes” to an earlier answer.'],
};

export function questionTester(app, main, params) {
  document.title = 'Test a question · Parley Writer';
  const question = h('textarea', { id: 'f-question', name: 'question', rows: 2, required: true, dir: 'auto',
    placeholder: 'e.g. How do I export my tasks to CSV?' });
  question.value = params.get('q') || '';
  const locale = h('select', { id: 'f-locale', name: 'locale' },
    [['en', 'English'], ['tr', 'Türkçe'], ['fa', 'فارسی'], ['de', 'Deutsch']].map(([v, l]) => h('option', { value: v }, l)));
  locale.value = params.get('locale') || 'en';
  const ask = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ask' }, 'Ask the bot');
  const form = h('form', { class: 'card', 'aria-label': 'Test a question', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'f-question' }, 'Question'), question),
    h('div', { class: 'field' }, h('label', { for: 'f-locale' }, 'Widget language'), locale),
    h('div', { class: 'field' }, ask));
  const result = h('div', { id: 'test-result', 'aria-live': 'polite' });
  fill(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Test a question'), h('span', { class: 'spacer' }),
      h('span', { class: 'subtle' }, 'Runs the bot’s real decision on the published articles. Nothing is posted or stored.')),
    h('div', { class: 'tester' }, form), result, calibrationPanel(app));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearFieldErrors(form);
    ask.disabled = true;
    result.setAttribute('aria-busy', 'true');
    app.replaceHash(`#/test${query({ q: question.value.trim(), locale: locale.value })}`);
    try {
      const preview = await app.api.post('/api/assistant/preview', { question: question.value, locale: locale.value });
      fill(result, render(app, preview));
    } catch (e) {
      if (Object.keys(e.fields).length) showFieldErrors(form, e.fields);
      else fill(result, h('div', { class: 'banner error', role: 'alert' }, e.message));
    } finally {
      ask.disabled = false;
      result.removeAttribute('aria-busy');
    }
  });
  question.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  question.focus();
  if (question.value) form.requestSubmit();
}

function render(app, p) {
  const d = p.payload.decision || {};
  const [label, explanation] = ACTIONS[p.action] || [p.action, ''];
  const cited = new Set((p.payload.sources || []).map(s => s.articleId));
  const answered = p.payload.answeredArticleId;
  const confidence = typeof d.confidence === 'number' ? d.confidence : null;
  const decision = h('section', { class: 'card decision', id: 'decision', 'aria-labelledby': 'decision-title' },
    h('h2', { id: 'decision-title', class: 'sr-only' }, 'Decision'),
    h('div', { class: 'headline' }, h('span', { class: `badge ${p.action}`, id: 'decision-action', 'data-action': p.action }, label),
      h('span', { id: 'decision-reason', class: 'subtle' }, `reason: ${p.reason}`)),
    h('p', { class: 'subtle' }, explanation),
    confidence === null ? null : h('div', {},
      h('div', { class: 'subtle' }, `Confidence ${confidence.toFixed(2)}`),
      h('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 1, 'aria-valuenow': confidence, 'aria-label': 'Confidence' },
        h('span', { style: `width:${Math.round(confidence * 100)}%` }))),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Answered in'), h('dd', {}, p.locale),
      d.searchedLocale ? [h('dt', {}, 'Searched'), h('dd', {}, `${d.searchedLocale} articles${d.vectorsUsed ? ', with vectors' : ', words only'}`)] : null,
      typeof d.searchMs === 'number' ? [h('dt', {}, 'Search time'), h('dd', {}, `${d.searchMs} ms`)] : null,
      p.payload.writer ? [h('dt', {}, 'Written'), h('dd', {}, p.payload.writer)] : null,
      p.payload.query && p.payload.query !== p.question ? [h('dt', {}, 'Searched for'), h('dd', {}, p.payload.query)] : null),
    h('h3', { class: 'subtle' }, 'The bot would reply'),
    h('div', { class: 'bubble', id: 'bot-reply', dir: isRtl(p.locale) ? 'rtl' : 'auto' }, h('div', { class: 'md' }, app.markdown(p.text)),
      (p.payload.quickReplies || []).length ? h('div', { class: 'chips', 'aria-label': 'Quick replies' },
        p.payload.quickReplies.map(q => h('span', { class: 'chip' }, q.label))) : null));

  const searches = p.searched || [];
  const hits = searches.length ? searches[searches.length - 1].hits : [];
  const sources = h('section', { class: 'card', id: 'sources', 'aria-labelledby': 'sources-title' },
    h('h2', { id: 'sources-title' }, 'Articles the search found'),
    hits.length === 0
      ? h('p', { class: 'subtle' }, searches.length ? 'No published article matched.' : 'The bot did not search for this message.')
      : h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Article'),
          h('th', { scope: 'col', class: 'num' }, 'Score'), h('th', { scope: 'col', class: 'num', title: 'Cosine similarity of the question and the best passage' }, 'Cosine'),
          h('th', { scope: 'col', class: 'num', title: 'Rank in the keyword (BM25) list' }, 'BM25'), h('th', { scope: 'col', class: 'num', title: 'Rank in the vector list' }, 'Vector'),
          h('th', { scope: 'col', class: 'num', title: 'Share of the question’s terms in the passage' }, 'Coverage'))),
        h('tbody', {}, hits.map((s, i) => h('tr', { class: cited.has(s.articleId) ? 'cited source' : 'source', 'data-slug': s.slug },
          h('td', {}, i + 1),
          h('td', {}, h('a', { href: `#/articles/${s.articleId}`, dir: 'auto' }, s.title), ' ',
            s.articleId === answered ? h('span', { class: 'badge answer' }, 'answered from') : cited.has(s.articleId) ? h('span', { class: 'badge' }, p.action === 'clarify' ? 'offered' : 'cited') : null,
            h('div', { class: 'subtle', dir: 'auto' }, s.section ? `§ ${s.section} — ` : '', s.snippet)),
          h('td', { class: 'num' }, fmt(s.score)), h('td', { class: 'num' }, fmt(s.cosine)),
          h('td', { class: 'num' }, s.bm25Rank || '—'), h('td', { class: 'num' }, s.vectorRank || '—'),
          h('td', { class: 'num' }, fmt(s.queryTermCoverage))))))));
  decision.append(verdictControl(app, p, hits));
  return h('div', { class: 'result' }, decision, sources);
}

const VERDICTS = [
  ['right_article', 'Right article', 'This article answers the question.'],
  ['wrong_article', 'Wrong article', 'This article does not answer the question.'],
  ['should_hand_off', 'Should hand off', 'No published article answers it: the bot should hand off.'],
];

/**
 * The writer's verdict (POST /api/assistant/labels): a label the answer calibration learns from. The article is the
 * one the bot answered from (or the best hit), and any other hit can be picked; a later verdict on the same question
 * replaces this one.
 */
function verdictControl(app, p, hits) {
  const answered = hits.find(s => s.articleId === p.payload.answeredArticleId) || hits[0] || null;
  const article = h('select', { id: 'verdict-article', 'aria-label': 'Article the verdict is about' },
    hits.map(s => h('option', { value: `${s.locale}/${s.slug}`, selected: s === answered }, s.title)));
  const status = h('span', { id: 'verdict-status', class: 'subtle', 'aria-live': 'polite' });
  const buttons = VERDICTS.map(([verdict, label, title]) => h('button', {
    type: 'button', class: 'btn', 'data-verdict': verdict, title,
    disabled: verdict !== 'should_hand_off' && hits.length === 0,
    onclick: () => send(verdict),
  }, label));
  async function send(verdict) {
    const [articleLocale, articleSlug] = article.value ? article.value.split(/\/(.*)/s) : [null, null];
    buttons.forEach(b => { b.disabled = true; });
    try {
      const saved = await app.api.post('/api/assistant/labels', {
        question: p.question, locale: p.locale, verdict,
        articleSlug: articleSlug || null, articleLocale: articleLocale || null,
      });
      status.textContent = `Saved: ${VERDICTS.find(v => v[0] === saved.verdict)[1].toLowerCase()}${saved.articleSlug ? ` (${saved.articleSlug})` : ''}`;
      buttons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.verdict === saved.verdict)));
      toast('Verdict saved: the calibration learns from it');
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      buttons.forEach(b => { b.disabled = b.dataset.verdict !== 'should_hand_off' && hits.length === 0; });
    }
  }
  return h('div', { class: 'verdict', id: 'verdict', role: 'group', 'aria-labelledby': 'verdict-title' },
    h('h3', { id: 'verdict-title', class: 'subtle' }, 'Your verdict'),
    hits.length ? h('div', { class: 'field' }, h('label', { for: 'verdict-article' }, 'Article'), article) : null,
    h('div', { class: 'chips' }, buttons), status);
}

function fmt(n) {
  return typeof n === 'number' ? n.toFixed(3) : '—';
}

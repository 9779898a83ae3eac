// Content gaps: questions the bot could not answer, grouped by meaning. Start an article from a group (the agent's
// reply as a draft), or mark it addressed by an existing article and watch how that article does.
import { query } from './api.js';
import { h, fill, when, toast, dialog } from './dom.js';

const SOURCES = { unanswered: 'not answered', unhelpful: 'answer did not help', handed_off: 'handed off' };

export async function contentGaps(app, main, params) {
  document.title = 'Content gaps · Parley Writer';
  const state = { status: params.get('status') || 'open', locale: params.get('locale') || '' };
  const status = h('select', { id: 'gap-status' }, [['open', 'Open'], ['addressed', 'Addressed'], ['all', 'All']]
    .map(([v, l]) => h('option', { value: v }, l)));
  const locale = h('select', { id: 'gap-locale' }, h('option', { value: '' }, 'All locales'),
    ['en', 'tr', 'fa', 'de'].map(l => h('option', { value: l }, l)));
  status.value = state.status;
  locale.value = state.locale;
  const list = h('div', { class: 'gaps', id: 'gap-list', 'aria-live': 'polite' });
  fill(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Content gaps'), h('span', { class: 'spacer' }),
      h('div', {}, h('label', { for: 'gap-status', class: 'sr-only' }, 'Status'), status),
      h('div', {}, h('label', { for: 'gap-locale', class: 'sr-only' }, 'Locale'), locale)),
    h('p', { class: 'subtle' }, 'Questions the bot could not answer, answered wrongly, or handed to a person for missing knowledge, grouped by meaning. Biggest groups first.'),
    list);

  async function load() {
    app.replaceHash(`#/gaps${query({ status: state.status === 'open' ? '' : state.status, locale: state.locale })}`);
    list.setAttribute('aria-busy', 'true');
    try {
      const groups = await app.api.get(`/api/insights/content-gaps${query({ status: state.status, locale: state.locale })}`);
      fill(list, groups.length ? groups.map(g => card(app, g, load))
        : h('div', { class: 'card empty' }, state.status === 'open' ? 'No open content gaps. The bot knows what customers ask.' : 'Nothing here.'));
    } catch (e) {
      fill(list, h('div', { class: 'banner error', role: 'alert' }, `Could not load content gaps: ${e.message}`));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }
  status.addEventListener('change', () => { state.status = status.value; load(); });
  locale.addEventListener('change', () => { state.locale = locale.value; load(); });
  await load();
}

function card(app, g, reload) {
  const titleId = `gap-${g.id}`;
  const sources = Object.entries(g.sources).map(([s, n]) => `${n} ${SOURCES[s] || s}`).join(' · ');
  const main = h('div', {},
    h('h2', { id: titleId }, h('span', { class: 'badge count', title: `${g.count} questions` }, g.count), h('span', { dir: 'auto' }, g.title)),
    h('div', { class: 'meta' },
      Object.entries(g.locales).map(([l, n]) => h('span', { class: 'tag' }, `${l} ${n}`)),
      h('span', {}, sources),
      g.handedOff ? h('span', {}, `· ${g.handedOff} went to a person`) : null,
      h('span', {}, '· last asked ', when(g.lastSeenAt))),
    h('ul', { class: 'examples', 'aria-label': 'Example questions' }, g.examples.map(q => h('li', { dir: 'auto' }, q.question))),
    g.draft ? h('details', { class: 'draft' }, h('summary', {}, 'How an agent answered it'),
      h('blockquote', { dir: 'auto' }, g.draft.text)) : null);

  const actions = h('div', { class: 'side-actions' });
  if (g.addressed) {
    const a = g.addressed;
    const since = a.since;
    actions.append(h('div', { class: 'addressed' },
      h('strong', {}, 'Addressed'), ' by ', a.article ? h('a', { href: `#/articles/${a.articleId}` }, a.article.title) : 'a deleted article',
      a.article && a.article.status !== 'published' ? h('span', { class: 'badge draft' }, a.article.status) : null,
      h('div', { class: 'subtle' }, a.by || '', ' · ', when(a.at)),
      h('div', { class: 'subtle' }, `Since then: shown ${since.shown}, helpful ${since.helpful}, unhelpful ${since.unhelpful}`),
      a.newQuestions ? h('div', {}, `${a.newQuestions} new question${a.newQuestions === 1 ? '' : 's'} since`) : null),
      h('button', { type: 'button', class: 'btn btn-small', onclick: async () => {
        await app.api.del(`/api/insights/content-gaps/${g.id}/address`).then(() => { toast('Reopened'); reload(); }, e => toast(e.message, 'error'));
      } }, 'Reopen'));
  } else {
    actions.append(
      h('a', { class: 'btn btn-primary start-article', href: `#/articles/new?gap=${g.id}`, 'aria-describedby': titleId }, 'Start an article from this'),
      h('button', { type: 'button', class: 'btn mark-addressed', 'aria-describedby': titleId, onclick: () => link(app, g, reload) }, 'Mark addressed…'));
  }
  return h('article', { class: 'card gap', 'aria-labelledby': titleId, 'data-id': g.id }, main, actions);
}

/** Links an existing article: search by title, pick one. */
async function link(app, g, reload) {
  const search = h('input', { type: 'search', id: 'link-search', placeholder: 'Search articles by title…', autocomplete: 'off' });
  const choices = h('div', { role: 'radiogroup', 'aria-label': 'Articles', class: 'link-article' });
  let chosen = null;
  let generation = 0;
  async function find() {
    const mine = ++generation;
    const page = await app.api.get(`/api/articles${query({ q: search.value.trim(), size: 8 })}`).catch(() => ({ items: [] }));
    if (mine !== generation) return;
    chosen = null;
    fill(choices, page.items.length === 0 ? h('p', { class: 'subtle' }, 'No article matches.') : null, page.items.map(a => h('label', {},
      h('input', { type: 'radio', name: 'article', value: a.id, onchange: () => { chosen = a.id; } }),
      ` ${a.title} `, h('span', { class: 'subtle' }, `${a.locale} · ${a.status}`))));
  }
  search.addEventListener('input', find);
  search.value = g.title.split(/\s+/).slice(0, 3).join(' ');
  find();
  const ok = await dialog({ title: 'Which article answers these questions?',
    body: h('div', {}, h('label', { for: 'link-search' }, 'Article'), search, choices), confirm: 'Mark addressed' });
  if (!ok) return;
  if (!chosen) {
    toast('Pick an article first', 'error');
    return;
  }
  try {
    await app.api.post(`/api/insights/content-gaps/${g.id}/address`, { articleId: chosen });
    toast('Marked as addressed; its helpfulness is tracked from now on');
    reload();
  } catch (e) {
    toast(e.message, 'error');
  }
}

// The article list: search, locale and status filters (kept in the URL), paging, and each article's usage by the bot.
import { query } from './api.js';
import { h, fill, when } from './dom.js';

const PAGE_SIZE = 20;
const LOCALES = ['en', 'tr', 'fa', 'de'];

export async function articleList(app, main, params) {
  const state = { q: params.get('q') || '', locale: params.get('locale') || '', status: params.get('status') || '',
    page: Number(params.get('page') || 0) };
  document.title = 'Articles · Parley Writer';

  const search = h('input', { type: 'search', id: 'filter-q', value: state.q, placeholder: 'Title or slug…', autocomplete: 'off' });
  const locale = h('select', { id: 'filter-locale' }, h('option', { value: '' }, 'All locales'),
    LOCALES.map(l => h('option', { value: l }, l)));
  const status = h('select', { id: 'filter-status' }, h('option', { value: '' }, 'Any status'),
    ['draft', 'published', 'archived'].map(s => h('option', { value: s }, s[0].toUpperCase() + s.slice(1))));
  locale.value = state.locale;
  status.value = state.status;
  const summary = h('p', { class: 'subtle', id: 'list-summary', 'aria-live': 'polite' });
  const body = h('div', { id: 'article-table' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });

  fill(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Articles'), h('span', { class: 'spacer' }),
      h('a', { class: 'btn btn-primary', href: '#/articles/new', id: 'new-article' }, '+ New article')),
    h('div', { class: 'filters', role: 'search', 'aria-label': 'Filter articles' },
      h('div', {}, h('label', { for: 'filter-q' }, 'Search'), search),
      h('div', {}, h('label', { for: 'filter-locale' }, 'Locale'), locale),
      h('div', {}, h('label', { for: 'filter-status' }, 'Status'), status)),
    summary, body, pager);

  // usage is a nice-to-have: the list still works when it cannot be loaded
  const usage = app.api.get('/api/insights/content-gaps/article-usage')
    .then(rows => new Map(rows.map(r => [r.articleId, r]))).catch(() => new Map());

  let timer = null;
  let generation = 0;
  async function load() {
    const hash = `#/articles${query({ q: state.q, locale: state.locale, status: state.status, page: state.page || '' })}`;
    app.replaceHash(hash);
    const mine = ++generation;
    body.setAttribute('aria-busy', 'true');
    try {
      const page = await app.api.get(`/api/articles${query({ q: state.q, locale: state.locale, status: state.status,
        page: state.page, size: PAGE_SIZE })}`);
      const used = await usage;
      if (mine !== generation) return;
      render(page, used);
    } catch (e) {
      if (mine === generation) fill(body, h('div', { class: 'banner error', role: 'alert' }, `Could not load articles: ${e.message}`));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  function render(page, used) {
    const from = page.total === 0 ? 0 : page.page * page.size + 1;
    const to = page.page * page.size + page.items.length;
    summary.textContent = page.total === 0 ? 'No articles match.' : `${from}–${to} of ${page.total} articles`;
    if (page.items.length === 0) {
      fill(body, h('div', { class: 'card empty' }, state.q || state.locale || state.status
        ? 'No articles match these filters.' : 'No articles yet. Write the first one.'));
    } else {
      fill(body, h('div', { class: 'table-wrap' }, h('table', { 'aria-describedby': 'list-summary' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Locale'), h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col' }, 'Tags'), h('th', { scope: 'col' }, 'Updated'),
          h('th', { scope: 'col', class: 'num', title: 'Cited in a bot answer' }, 'Shown'),
          h('th', { scope: 'col', class: 'num', title: 'Customers said the answer helped' }, 'Helpful'),
          h('th', { scope: 'col', class: 'num', title: 'Customers said the answer did not help' }, 'Unhelpful'))),
        h('tbody', {}, page.items.map(a => row(a, used.get(a.id))))))); 
    }
    const pages = Math.max(1, Math.ceil(page.total / page.size));
    fill(pager,
      h('button', { type: 'button', class: 'btn btn-small', disabled: page.page === 0, onclick: () => { state.page--; load(); } }, '← Previous'),
      h('span', { class: 'subtle' }, `Page ${page.page + 1} of ${pages}`),
      h('button', { type: 'button', class: 'btn btn-small', disabled: page.page + 1 >= pages, onclick: () => { state.page++; load(); } }, 'Next →'));
  }

  function row(a, u) {
    return h('tr', { 'data-id': a.id, 'data-slug': a.slug },
      h('td', {}, h('a', { class: 'title', href: `#/articles/${a.id}`, dir: 'auto' }, a.title), h('div', { class: 'slug' }, a.slug)),
      h('td', {}, a.locale),
      h('td', {}, h('span', { class: `badge ${a.status}` }, a.status)),
      h('td', {}, a.tags.map(t => h('span', { class: 'tag' }, t))),
      h('td', {}, when(a.updatedAt), h('div', { class: 'subtle' }, a.updatedBy || '')),
      h('td', { class: 'num' }, u ? u.shown : 0),
      h('td', { class: 'num' }, u ? u.helpful : 0),
      h('td', { class: 'num' }, u ? u.unhelpful : 0));
  }

  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = search.value.trim(); state.page = 0; load(); }, 250);
  });
  locale.addEventListener('change', () => { state.locale = locale.value; state.page = 0; load(); });
  status.addEventListener('change', () => { state.status = status.value; state.page = 0; load(); });
  await load();
}

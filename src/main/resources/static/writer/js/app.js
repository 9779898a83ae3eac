// The writer pages: sign-in, then articles, the editor, "test a question" and content gaps, routed by URL fragment
// (#/articles, #/articles/<id>, #/articles/new, #/test, #/gaps).
import { marked } from '/webjars/marked/lib/marked.esm.js';
import DOMPurify from '/webjars/dompurify/dist/purify.es.mjs';
import { createMarkdown } from '../../common/markdown.js';
import { createApi } from './api.js';
import { createShell } from '../../common/staff-shell.js';
import { h, dialog } from './dom.js';
import { articleList } from './articles.js';
import { articleEditor } from './editor.js';
import { questionTester } from './tester.js';
import { contentGaps } from './gaps.js';

const main = document.getElementById('main');

const app = createShell({
  name: 'Writer',
  role: 'WRITER',
  home: '#/articles',
  routes: [
    { pattern: /^#\/articles\/?$/, section: 'articles', render: params => articleList(app, main, params) },
    { pattern: /^#\/articles\/new$/, section: 'articles', render: params => articleEditor(app, main, null, params) },
    { pattern: /^#\/articles\/([0-9a-f-]{36})$/, section: 'articles', render: (params, id) => articleEditor(app, main, id, params) },
    { pattern: /^#\/test$/, section: 'test', render: params => questionTester(app, main, params) },
    { pattern: /^#\/gaps$/, section: 'gaps', render: params => contentGaps(app, main, params) },
  ],
  beforeRender: () => {
    app.dirty = null;
    currentHash = location.hash;
  },
  maySignOut: async () => !(app.dirty && app.dirty())
    || dialog({ title: 'Sign out and discard unsaved changes?', confirm: 'Sign out', danger: true }),
});
app.markdown = createMarkdown(marked, DOMPurify);
/** The current view's "are there unsaved changes?" check; null when it has none. */
app.dirty = null;
/** Goes to another view (through the unsaved-changes guard). */
app.navigate = hash => { location.hash = hash; };
/** Changes the URL of the current view without leaving it (filters, a new article's id). */
app.replaceHash = hash => {
  history.replaceState(null, '', hash);
  currentHash = location.hash;
};
const signOut = app.signOut;
app.signOut = (message, kind) => {
  app.dirty = null;
  signOut(message, kind);
};
app.api = createApi(() => app.session && app.session.token,
  () => app.signOut('Your session has expired. Please sign in again.'));

// the unsaved-changes guard: leaving a view with changes asks first
let currentHash = location.hash;
let leaving = false;
window.addEventListener('hashchange', async () => {
  if (leaving || location.hash === currentHash) return;
  if (app.dirty && app.dirty()) {
    const target = location.hash;
    history.replaceState(null, '', currentHash);
    leaving = true;
    const discard = await dialog({ title: 'Discard unsaved changes?',
      body: h('p', {}, 'You have changes that are not saved. Leave this page and lose them?'),
      confirm: 'Discard changes', danger: true, cancel: 'Keep editing' });
    leaving = false;
    if (!discard) return;
    app.dirty = null;
    history.pushState(null, '', target);
  }
  app.route();
});
window.addEventListener('beforeunload', event => {
  if (app.dirty && app.dirty()) {
    event.preventDefault();
    event.returnValue = '';
  }
});
app.route();

// The writer pages: sign-in, then articles, the editor, "test a question" and content gaps, routed by URL fragment
// (#/articles, #/articles/<id>, #/articles/new, #/test, #/gaps).
import { marked } from '/webjars/marked/lib/marked.esm.js';
import DOMPurify from '/webjars/dompurify/dist/purify.es.mjs';
import { createMarkdown } from '../../common/markdown.js';
import { createApi, ApiError } from './api.js';
import { h, fill, dialog } from './dom.js';
import { articleList } from './articles.js';
import { articleEditor } from './editor.js';
import { questionTester } from './tester.js';
import { contentGaps } from './gaps.js';

const SESSION_KEY = 'parley:writer:session';
const main = document.getElementById('main');
const topbar = document.getElementById('topbar');

const app = {
  session: readSession(),
  api: null,
  markdown: createMarkdown(marked, DOMPurify),
  /** The current view's "are there unsaved changes?" check; null when it has none. */
  dirty: null,
  /** Goes to another view (through the unsaved-changes guard). */
  navigate(hash) {
    location.hash = hash;
  },
  /** Changes the URL of the current view without leaving it (filters, a new article's id). */
  replaceHash(hash) {
    history.replaceState(null, '', hash);
    currentHash = location.hash;
  },
  signOut(message, kind = 'error') {
    sessionStorage.removeItem(SESSION_KEY);
    app.session = null;
    app.dirty = null;
    showLogin(message, kind);
  },
};
app.api = createApi(() => app.session && app.session.token,
  () => app.signOut('Your session has expired. Please sign in again.'));

function readSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    return s && s.token && (!s.expiresAt || Date.parse(s.expiresAt) > Date.now()) ? s : null;
  } catch {
    return null;
  }
}

function showLogin(message, kind = 'error') {
  topbar.hidden = true;
  document.title = 'Sign in · Parley Writer';
  const error = h('div', { class: `banner ${kind}`, role: 'alert', id: 'login-error', hidden: !message }, message || '');
  const email = h('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'login-submit' }, 'Sign in');
  const form = h('form', { class: 'card login', 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, 'Parley Writer'),
    h('p', { class: 'subtle' }, 'Sign in with a staff account that has the writer role.'),
    error,
    h('div', { class: 'field' }, h('label', { for: 'login-email' }, 'Email'), email),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
    submit);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!email.value.trim() || !password.value) {
      error.hidden = false;
      error.className = 'banner error';
      error.textContent = 'Enter your email and password.';
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    try {
      const result = await app.api.post('/api/auth/login', { email: email.value.trim(), password: password.value });
      if (!(result.roles || []).includes('WRITER')) {
        throw new ApiError(403, { detail: 'This account has no writer role. Ask an admin to grant it.' });
      }
      app.session = { token: result.token, expiresAt: result.expiresAt, roles: result.roles, staff: result.staff };
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(app.session));
      if (!location.hash || location.hash === '#/login') history.replaceState(null, '', '#/articles');
      route();
    } catch (e) {
      error.hidden = false;
      error.className = 'banner error';
      error.textContent = e.message;
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  fill(main, form);
  email.focus();
}

const routes = [
  [/^#\/articles\/?$/, 'articles', params => articleList(app, main, params)],
  [/^#\/articles\/new$/, 'articles', params => articleEditor(app, main, null, params)],
  [/^#\/articles\/([0-9a-f-]{36})$/, 'articles', (params, id) => articleEditor(app, main, id, params)],
  [/^#\/test$/, 'test', params => questionTester(app, main, params)],
  [/^#\/gaps$/, 'gaps', params => contentGaps(app, main, params)],
];

function route() {
  if (!app.session) {
    showLogin();
    return;
  }
  topbar.hidden = false;
  document.getElementById('who-name').textContent = app.session.staff ? app.session.staff.name : '';
  const [path, search = ''] = (location.hash || '#/articles').split('?');
  const params = new URLSearchParams(search);
  for (const [pattern, section, render] of routes) {
    const match = path.match(pattern);
    if (match) {
      document.querySelectorAll('[data-nav]').forEach(a => {
        if (a.dataset.nav === section) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      });
      app.dirty = null;
      currentHash = location.hash;
      render(params, match[1]);
      main.focus({ preventScroll: true });
      return;
    }
  }
  history.replaceState(null, '', '#/articles');
  route();
}

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
  route();
});
window.addEventListener('beforeunload', event => {
  if (app.dirty && app.dirty()) {
    event.preventDefault();
    event.returnValue = '';
  }
});
document.getElementById('sign-out').addEventListener('click', async () => {
  if (app.dirty && app.dirty() && !(await dialog({ title: 'Sign out and discard unsaved changes?', confirm: 'Sign out', danger: true }))) {
    return;
  }
  app.signOut('You have signed out.', 'info');
});

route();

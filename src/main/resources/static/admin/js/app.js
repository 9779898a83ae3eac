// The admin pages: sign-in (ADMIN role), then insights, staff, teams, saved replies, sensitive topics, webhooks and
// identity verification, routed by URL fragment (#/insights, #/staff, ...). Same stack as the writer pages: plain ES
// modules, the shared plumbing in common/, no build step.
import { Client, ApiError } from '../../common/api.js';
import { h, fill } from '../../common/dom.js';
import { insights } from './insights.js';
import { staff } from './staff.js';
import { teams } from './teams.js';
import { savedReplies } from './saved-replies.js';
import { sensitiveTopics } from './sensitive-topics.js';
import { webhooks } from './webhooks.js';
import { identity } from './identity.js';

const SESSION_KEY = 'parley:admin:session';
const main = document.getElementById('main');
const topbar = document.getElementById('topbar');

const app = {
  session: readSession(),
  api: null,
  /** Changes the URL of the current view without leaving it (filters). */
  replaceHash(hash) {
    history.replaceState(null, '', hash);
  },
  signOut(message, kind = 'error') {
    sessionStorage.removeItem(SESSION_KEY);
    app.session = null;
    showLogin(message, kind);
  },
};
app.api = new Client({
  token: () => app.session && app.session.token,
  unauthorized: () => { app.signOut('Your session has expired. Please sign in again.'); return false; },
});

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
  document.title = 'Sign in · Parley Admin';
  const error = h('div', { class: `banner ${kind}`, role: 'alert', id: 'login-error', hidden: !message }, message || '');
  const email = h('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'login-submit' }, 'Sign in');
  const form = h('form', { class: 'card login', 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, 'Parley Admin'),
    h('p', { class: 'subtle' }, 'Sign in with a staff account that has the admin role.'),
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
      if (!(result.roles || []).includes('ADMIN')) {
        throw new ApiError(403, { detail: 'This account has no admin role. Ask an admin to grant it.' });
      }
      app.session = { token: result.token, expiresAt: result.expiresAt, roles: result.roles, staff: result.staff };
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(app.session));
      if (!location.hash || location.hash === '#/login') history.replaceState(null, '', '#/insights');
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
  ['insights', insights],
  ['staff', staff],
  ['teams', teams],
  ['saved-replies', savedReplies],
  ['sensitive-topics', sensitiveTopics],
  ['webhooks', webhooks],
  ['identity', identity],
];

async function route() {
  if (!app.session) {
    showLogin();
    return;
  }
  topbar.hidden = false;
  document.getElementById('who-name').textContent = app.session.staff ? app.session.staff.name : '';
  const [path, search = ''] = (location.hash || '#/insights').split('?');
  const section = path.replace(/^#\//, '');
  const found = routes.find(([name]) => name === section);
  if (!found) {
    history.replaceState(null, '', '#/insights');
    route();
    return;
  }
  document.querySelectorAll('[data-nav]').forEach(a => {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  main.setAttribute('aria-busy', 'true');
  try {
    await found[1](app, main, new URLSearchParams(search));
  } catch (e) {
    fill(main, h('div', { class: 'banner error', role: 'alert' }, `This page could not be loaded: ${e.message}`));
  } finally {
    main.removeAttribute('aria-busy');
  }
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', route);
document.getElementById('sign-out').addEventListener('click', () => app.signOut('You have signed out.', 'info'));
route();

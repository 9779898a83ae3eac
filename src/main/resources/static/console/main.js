// Agent console entry point: loads the browser libraries (WebJars), then shows the sign-in form or the console.

import { ConsoleApi } from './api.js';
import { h, fill } from './dom.js';
import { Console } from './app.js';
import { createMarkdown } from '../common/markdown.js';

const app = document.getElementById('app');
const api = new ConsoleApi();

async function boot() {
  let libraries;
  try {
    const [stomp, marked, purify] = await Promise.all([
      import('/webjars/stomp__stompjs/esm6/index.js'),
      import('/webjars/marked/lib/marked.esm.js'),
      import('/webjars/dompurify/dist/purify.es.mjs'),
    ]);
    libraries = { stomp, markdown: createMarkdown(marked.marked, purify.default) };
  } catch (e) {
    fill(app, h('p', { className: 'boot error', role: 'alert' }, 'The console could not load its libraries. Reload the page.'));
    throw e;
  }
  api.onUnauthorized = () => showLogin(libraries, 'Your session has ended. Please sign in again.');
  if (!api.signedIn()) {
    showLogin(libraries);
    return;
  }
  try {
    const me = await api.me();
    start(libraries, me);
  } catch {
    showLogin(libraries);
  }
}

let current = null;

function start(libraries, me) {
  if (current) current.stop();
  current = new Console(app, api, libraries, me, () => {
    current.stop();
    current = null;
    api.logout();
    showLogin(libraries, 'You have signed out.');
  });
  current.start();
}

function showLogin(libraries, notice) {
  if (current) {
    current.stop();
    current = null;
  }
  document.title = 'Sign in — Parley console';
  const email = h('input', { id: 'login-email', type: 'email', name: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'login-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { className: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', className: 'primary' }, 'Sign in');
  const form = h('form', {
    className: 'login-card', 'aria-labelledby': 'login-title',
    onsubmit: async event => {
      event.preventDefault();
      error.hidden = true;
      submit.disabled = true;
      submit.textContent = 'Signing in…';
      try {
        await api.login(email.value.trim(), password.value);
        const me = await api.me();
        if (!(me.grantedRoles || me.roles || []).includes('AGENT')) {
          api.logout();
          throw Object.assign(new Error('This account has no agent role; ask an admin to grant AGENT.'), { code: 'no_agent_role' });
        }
        start(libraries, me);
      } catch (e) {
        error.textContent = loginError(e);
        error.hidden = false;
        submit.disabled = false;
        submit.textContent = 'Sign in';
        password.select();
      }
    },
  },
  h('div', { className: 'brand big' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }, 'P'), 'Parley'),
  h('h1', { id: 'login-title' }, 'Agent console'),
  notice ? h('p', { className: 'form-notice', role: 'status' }, notice) : null,
  h('label', { for: 'login-email' }, 'Email'), email,
  h('label', { for: 'login-password' }, 'Password'), password,
  error, submit,
  h('p', { className: 'hint' }, 'First start? The bootstrap admin\'s password is printed once in the server log.'));
  fill(app, h('main', { className: 'login' }, form));
  app.removeAttribute('aria-busy');
  email.focus();
}

function loginError(e) {
  switch (e.code) {
    case 'invalid_credentials': return 'Wrong email or password.';
    case 'account_deactivated': return 'This account has been deactivated.';
    case 'login_throttled': return 'Too many failed attempts. Wait a few minutes, then try again.';
    case 'validation_failed': return 'Enter your email and password.';
    default: return e.message || 'Sign-in failed. Try again.';
  }
}

boot();

// The shell the staff apps (writer pages, admin pages) share: the session kept in sessionStorage, the sign-in form
// for the app's role, and the router that renders the section a URL fragment names (#/articles, #/staff?x=y) and
// marks it in the top bar. Each app brings its name, role and routes.
import { h, fill } from './dom.js';
import { ApiError } from './api.js';

/** The stored session when there is one and it has not expired, else null. */
export function readSession(storage, key, now = Date.now()) {
  try {
    const s = JSON.parse(storage.getItem(key) || 'null');
    return s && s.token && (!s.expiresAt || Date.parse(s.expiresAt) > now) ? s : null;
  } catch {
    return null;
  }
}

/**
 * The first route whose pattern matches the fragment's path (the part before "?"); an empty fragment is `home`.
 * @param {{pattern: RegExp, section: string, render: Function}[]} routes
 * @returns {{route: object, match: string[], params: URLSearchParams}|null}
 */
export function matchRoute(routes, hash, home) {
  const [path, search = ''] = (hash || home).split('?');
  for (const route of routes) {
    const match = path.match(route.pattern);
    if (match) return { route, match, params: new URLSearchParams(search) };
  }
  return null;
}

/** Is a signed-in staff member allowed into this app? */
export function hasRole(login, role) {
  return Array.isArray(login && login.roles) && login.roles.includes(role);
}

/**
 * @param {object} options
 * @param {string} options.name "Writer", "Admin": in the title and the sign-in heading
 * @param {string} options.role the role the app needs, e.g. "WRITER"
 * @param {string} options.home the fragment to land on, e.g. "#/articles"
 * @param {object[]} options.routes see matchRoute
 * @param {() => void} [options.beforeRender] called before a section renders (e.g. to drop an unsaved-changes check)
 * @param {() => Promise<boolean>} [options.maySignOut] asked before signing out (e.g. "discard unsaved changes?")
 * @returns the shell: session, api (set it), signOut(message, kind), route()
 */
export function createShell({ name, role, home, routes, beforeRender = () => {}, maySignOut = async () => true }) {
  const key = `parley:${role.toLowerCase()}:session`;
  const main = document.getElementById('main');
  const topbar = document.getElementById('topbar');
  const shell = {
    session: readSession(sessionStorage, key),
    api: null,
    signOut(message, kind = 'error') {
      sessionStorage.removeItem(key);
      shell.session = null;
      showLogin(message, kind);
    },
    async route() {
      if (!shell.session) {
        showLogin();
        return;
      }
      topbar.hidden = false;
      document.getElementById('who-name').textContent = shell.session.staff ? shell.session.staff.name : '';
      const found = matchRoute(routes, location.hash, home);
      if (!found) {
        history.replaceState(null, '', home);
        await shell.route();
        return;
      }
      document.querySelectorAll('[data-nav]').forEach(a => {
        if (a.dataset.nav === found.route.section) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      });
      beforeRender();
      main.setAttribute('aria-busy', 'true');
      const rendering = found.route.render(found.params, found.match[1]);
      // focus first: a view that focuses one of its own fields once loaded keeps that focus
      main.focus({ preventScroll: true });
      try {
        await rendering;
      } catch (e) {
        fill(main, h('div', { class: 'banner error', role: 'alert' }, `This page could not be loaded: ${e.message}`));
      } finally {
        main.removeAttribute('aria-busy');
      }
    },
  };

  function showLogin(message, kind = 'error') {
    topbar.hidden = true;
    document.title = `Sign in · Parley ${name}`;
    const error = h('div', { class: `banner ${kind}`, role: 'alert', id: 'login-error', hidden: !message }, message || '');
    const email = h('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true });
    const password = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'login-submit' }, 'Sign in');
    const form = h('form', { class: 'card login', 'aria-labelledby': 'login-title', novalidate: true },
      h('h1', { id: 'login-title' }, `Parley ${name}`),
      h('p', { class: 'subtle' }, `Sign in with a staff account that has the ${name.toLowerCase()} role.`),
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
        const result = await shell.api.post('/api/auth/login', { email: email.value.trim(), password: password.value });
        if (!hasRole(result, role)) {
          throw new ApiError(403, { detail: `This account has no ${name.toLowerCase()} role. Ask an admin to grant it.` });
        }
        shell.session = { token: result.token, expiresAt: result.expiresAt, roles: result.roles, staff: result.staff };
        sessionStorage.setItem(key, JSON.stringify(shell.session));
        if (!location.hash || location.hash === '#/login') history.replaceState(null, '', home);
        shell.route();
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

  document.getElementById('sign-out').addEventListener('click', async () => {
    if (await maySignOut()) shell.signOut('You have signed out.', 'info');
  });
  return shell;
}

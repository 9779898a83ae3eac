// REST calls of the agent console (docs/API.md). The staff token lives in sessionStorage: it survives a reload of
// the tab but not closing it, and is never shared with other tabs (two agents can work side by side in one browser).

const TOKEN_KEY = 'parley:console:auth';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.code = (problem && problem.code) || `http_${status}`;
    this.problem = problem;
  }
}

export class ConsoleApi {
  constructor(storage = sessionStorage) {
    this.storage = storage;
    this.auth = read(storage, TOKEN_KEY);
    this.onUnauthorized = () => { };
  }

  get token() {
    return this.auth && this.auth.token;
  }

  signedIn() {
    return !!(this.auth && this.auth.token && (!this.auth.expiresAt || Date.parse(this.auth.expiresAt) > Date.now()));
  }

  async login(email, password) {
    const response = await fetch('/api/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new ApiError(response.status, await problem(response));
    const login = await response.json();
    this.auth = { token: login.token, expiresAt: login.expiresAt, roles: login.roles, staff: login.staff };
    this.storage.setItem(TOKEN_KEY, JSON.stringify(this.auth));
    return login;
  }

  logout() {
    this.auth = null;
    this.storage.removeItem(TOKEN_KEY);
  }

  /** An authenticated JSON call; a 401 means the token expired or the account was deactivated: sign in again. */
  async call(method, path, body) {
    const headers = { Authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) {
      this.logout();
      this.onUnauthorized();
    }
    if (!response.ok) throw new ApiError(response.status, await problem(response));
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  get(path) { return this.call('GET', path); }
  post(path, body) { return this.call('POST', path, body ?? {}); }
  put(path, body) { return this.call('PUT', path, body ?? {}); }

  me() { return this.get('/api/auth/me'); }
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const id = value => encodeURIComponent(value);

function read(storage, key) {
  try {
    return JSON.parse(storage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

async function problem(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

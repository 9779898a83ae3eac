// REST calls of the agent console (docs/API.md). The staff token lives in sessionStorage: it survives a reload of
// the tab but not closing it, and is never shared with other tabs (two agents can work side by side in one browser).

import { Client, request } from '../common/api.js';

export { ApiError, id, query } from '../common/api.js';

const TOKEN_KEY = 'parley:console:auth';

export class ConsoleApi extends Client {
  constructor(storage = sessionStorage) {
    super({
      token: () => this.token,
      // a 401 means the token expired or the account was deactivated: sign in again
      unauthorized: () => {
        this.logout();
        this.onUnauthorized();
        return false;
      },
    });
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
    const login = await request('POST', '/api/auth/login', { body: { email, password } });
    this.auth = { token: login.token, expiresAt: login.expiresAt, roles: login.roles, staff: login.staff };
    this.storage.setItem(TOKEN_KEY, JSON.stringify(this.auth));
    return login;
  }

  logout() {
    this.auth = null;
    this.storage.removeItem(TOKEN_KEY);
  }

  me() { return this.get('/api/auth/me'); }
}

function read(storage, key) {
  try {
    return JSON.parse(storage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

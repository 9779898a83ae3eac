// The one fetch wrapper of the front ends (docs/API.md): JSON in and out, problem+json errors as ApiError, a bearer
// token when there is one, and one hook for a 401 (the widget renews its session and retries; staff pages sign out).

export class ApiError extends Error {
  /**
   * @param {number} status the HTTP status, 0 when the server could not be reached
   * @param {object|null} problem the problem+json body (title, detail, code, fields)
   */
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || (status ? `The server answered ${status}` : 'Network error'));
    this.status = status;
    this.code = (problem && problem.code) || (status ? `http_${status}` : 'network_error');
    this.fields = (problem && problem.fields) || {};
    this.problem = problem;
  }
}

/** One JSON request; resolves to the parsed body (null for 204 or an empty body), rejects with ApiError. */
export async function request(method, url, { body, token, fetch: doFetch = globalThis.fetch } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { detail: 'The server cannot be reached. Check your connection and try again.' });
  }
  const text = response.status === 204 ? '' : await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null; // an HTML error page from a proxy: the status says enough
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export class Client {
  // private, so that subclasses (the console's ConsoleApi) keep their own names such as a `token` getter
  #base;
  #token;
  #unauthorized;
  #fetch;

  /**
   * @param {object} options
   * @param {string} [options.base] prefix of every path (the widget's server; '' for same-origin pages)
   * @param {() => (string|null|Promise<string|null>)} [options.token] the current bearer token
   * @param {(error: ApiError) => (boolean|Promise<boolean>)} [options.unauthorized] a 401 on a call with a token;
   *   true retries the call once (with a fresh token), false lets the error through
   * @param {typeof fetch} [options.fetch]
   */
  constructor({ base = '', token = () => null, unauthorized = () => false, fetch } = {}) {
    this.#base = base.replace(/\/+$/, '');
    this.#token = token;
    this.#unauthorized = unauthorized;
    this.#fetch = fetch;
  }

  async call(method, path, body) {
    for (let attempt = 0; ; attempt++) {
      const token = await this.#token();
      try {
        return await request(method, this.#base + path, { body, token, fetch: this.#fetch });
      } catch (e) {
        if (e.status === 401 && token && attempt === 0 && (await this.#unauthorized(e))) continue;
        throw e;
      }
    }
  }

  get(path) { return this.call('GET', path); }
  post(path, body) { return this.call('POST', path, body ?? {}); }
  put(path, body) { return this.call('PUT', path, body ?? {}); }
  patch(path, body) { return this.call('PATCH', path, body ?? {}); }
  del(path) { return this.call('DELETE', path); }
}

/** A query string from the non-empty entries of {@code params} ("" when there are none). */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A path segment. */
export const id = value => encodeURIComponent(value);

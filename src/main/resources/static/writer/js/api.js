// REST calls for the writer pages (docs/API.md): Bearer token from the staff login, problem+json errors.

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || (status ? `The server answered ${status}` : 'Network error'));
    this.status = status;
    this.code = problem && problem.code;
    this.fields = (problem && problem.fields) || {};
  }
}

/**
 * @param {() => string|null} token the current bearer token
 * @param {(error: ApiError) => void} onExpired called when a signed-in call gets a 401
 */
export function createApi(token, onExpired) {
  async function call(method, path, body) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, { detail: 'The server cannot be reached. Check your connection and try again.' });
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const error = new ApiError(response.status, data);
      if (response.status === 401 && bearer) onExpired(error);
      throw error;
    }
    return data;
  }
  return {
    get: path => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
    del: path => call('DELETE', path),
  };
}

/** A query string from the non-empty entries of {@code params}. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// REST calls for the writer pages (docs/API.md): the shared client (common/api.js) with the staff token.

import { Client } from '../../common/api.js';

export { ApiError, query } from '../../common/api.js';

/**
 * @param {() => string|null} token the current bearer token
 * @param {(error: import('../../common/api.js').ApiError) => void} onExpired called when a signed-in call gets a 401
 */
export function createApi(token, onExpired) {
  return new Client({ token, unauthorized: error => { onExpired(error); return false; } });
}

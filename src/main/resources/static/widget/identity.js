// Who the widget talks as, and forgetting it (Parley.logout / Parley.identify). Kept apart from the DOM so the
// rules can be tested without a browser (src/test/js/identity.test.js).

/**
 * The user id an identity JWT names (its `sub`), read without verifying: only to key this browser's storage per
 * user; the server verifies the signature. Null for anything that is not a readable JWT.
 */
export function subjectOf(jwt) {
  try {
    const payload = String(jwt).split('.')[1];
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent([...atob(base64 + '='.repeat((4 - base64.length % 4) % 4))]
      .map(c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    const sub = JSON.parse(json).sub;
    return typeof sub === 'string' && sub ? sub : null;
  } catch {
    return null;
  }
}

/** The storage key part for this identity: one per signed-in user, one for the anonymous visitor. */
export function identityKey(config) {
  const user = config.jwt ? subjectOf(config.jwt) : config.userId;
  return user ? `user:${user}` : 'visitor';
}

/** The identity fields of a config; everything else (server, locale, colour) is kept across identify/logout. */
export const IDENTITY_FIELDS = ['jwt', 'userId', 'userHash', 'name', 'email', 'company'];

/** The config for a new identity: the old one without any identity, plus {@code identity}'s fields. */
export function withIdentity(config, identity = {}) {
  const next = { ...config };
  IDENTITY_FIELDS.forEach(field => { delete next[field]; });
  IDENTITY_FIELDS.forEach(field => { if (identity[field] != null && identity[field] !== '') next[field] = identity[field]; });
  return next;
}

/**
 * Forgets what this browser keeps for one Parley server: session tokens, outboxes, thread titles, the open
 * conversation. On a logout the visitor id goes too, so the next person on a shared device is a new visitor and
 * never sees (or merges into their account) the previous user's threads. When signing in ({@code keepVisitor}),
 * the visitor id stays so what the visitor started anonymously follows them into their account.
 */
export function forgetStored(server, { local, session, keepVisitor = false }) {
  const prefix = `parley:${server}:`;
  const visitorKey = `${prefix}visitorId`;
  for (const storage of [local, session]) {
    if (!storage) continue;
    const keys = [];
    for (let i = 0; i < storage.length; i++) keys.push(storage.key(i));
    keys.filter(key => key && (key.startsWith(prefix) || key === `parley:${server}`))
      .filter(key => !(keepVisitor && key === visitorKey))
      .forEach(key => storage.removeItem(key));
  }
}

// Identity verification: is it on (GET /api/agent/identity-verification), a snippet generator for the host
// application's server (HMAC-SHA256 userHash of the user id), and a check of one userId/userHash pair.
// The settings (secret, RS256 key, clock skew) are changed in identity-settings.js; the secret never reaches this page.
import { h, fill } from '../../common/dom.js';
import { toast } from '../../common/ui.js';
import { settingsCard, JWT_SNIPPET } from './identity-settings.js';

/** Server-side code that computes userHash, by language; USER_ID is the host's expression for the signed-in user's id. */
export const SNIPPETS = {
  'Node.js': id => `const crypto = require('node:crypto');

// on your server, for the signed-in user
const userHash = crypto.createHmac('sha256', process.env.PARLEY_IDENTITY_SECRET)
  .update(String(${id}))
  .digest('hex');`,
  Python: id => `import hashlib, hmac, os

user_hash = hmac.new(os.environ["PARLEY_IDENTITY_SECRET"].encode(),
                     str(${id}).encode(), hashlib.sha256).hexdigest()`,
  Ruby: id => `require "openssl"

user_hash = OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("PARLEY_IDENTITY_SECRET"), ${id}.to_s)`,
  PHP: id => `<?php
$userHash = hash_hmac('sha256', (string) ${id}, getenv('PARLEY_IDENTITY_SECRET'));`,
  Java: id => `Mac mac = Mac.getInstance("HmacSHA256");
mac.init(new SecretKeySpec(System.getenv("PARLEY_IDENTITY_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
String userHash = HexFormat.of().formatHex(mac.doFinal(String.valueOf(${id}).getBytes(StandardCharsets.UTF_8)));`,
  Go: id => `mac := hmac.New(sha256.New, []byte(os.Getenv("PARLEY_IDENTITY_SECRET")))
mac.Write([]byte(${id}))
userHash := hex.EncodeToString(mac.Sum(nil))`,
};

/** The widget tag with the identity attributes, as the host page's template renders it. */
export function embedTag(origin, idPlaceholder = '{{ user.id }}', hashPlaceholder = '{{ userHash }}') {
  return `<script src="${origin}/widget/parley.js"
        data-user-id="${idPlaceholder}"
        data-user-hash="${hashPlaceholder}"
        data-name="{{ user.name }}" data-email="{{ user.email }}"
        async></script>`;
}

export async function identity(app, main) {
  document.title = 'Identity verification · Parley Admin';
  const status = await app.api.get('/api/agent/identity-verification');
  const expression = h('input', { type: 'text', id: 'f-user-expr', value: 'user.id', 'aria-describedby': 'user-expr-hint' });
  const languages = Object.keys(SNIPPETS);
  let language = languages[0];
  const code = h('pre', { class: 'snippet', id: 'server-snippet' });
  const tag = h('pre', { class: 'snippet', id: 'embed-snippet' });
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Server language' }, languages.map(l =>
    h('button', { type: 'button', class: 'btn btn-small', role: 'tab', 'aria-selected': String(l === language), 'data-language': l,
      onclick: () => { language = l; render(); } }, l)));
  function render() {
    code.textContent = SNIPPETS[language](expression.value.trim() || 'user.id');
    tag.textContent = embedTag(location.origin);
    tabs.querySelectorAll('[role=tab]').forEach(b => b.setAttribute('aria-selected', String(b.dataset.language === language)));
  }
  expression.addEventListener('input', render);

  const userId = h('input', { type: 'text', id: 'f-check-id', placeholder: 'user-42' });
  const userHash = h('input', { type: 'text', id: 'f-check-hash', placeholder: '64 hex characters' });
  const verdict = h('p', { id: 'check-result', 'aria-live': 'polite' });
  const check = h('form', { class: 'card', id: 'check-form' }, h('h2', {}, 'Check a userHash'),
    h('p', { class: 'subtle' }, 'Paste what your server computed for one user: Parley says whether it would accept it.'),
    h('div', { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { for: 'f-check-id' }, 'userId'), userId),
      h('div', { class: 'field' }, h('label', { for: 'f-check-hash' }, 'userHash'), userHash)),
    h('button', { type: 'submit', class: 'btn' }, 'Check'), verdict);
  check.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const result = await app.api.post('/api/agent/identity-verification/check', { userId: userId.value, userHash: userHash.value });
      verdict.textContent = result.valid ? 'Valid: this user would be identified.' : `Not valid: ${result.reason}`;
      verdict.className = result.valid ? 'status-delivered' : 'status-failed';
    } catch (e) {
      toast(Object.values(e.fields).length ? Object.entries(e.fields).map(([f, m]) => `${f} ${m}`).join('; ') : e.message, 'error');
    }
  });

  const hmac = status.hmac;
  fill(main, h('div', { class: 'page-head' }, h('h1', {}, 'Identity verification')),
    h('div', { class: `banner ${hmac.enabled ? 'info' : 'error'}`, id: 'identity-status' }, hmac.enabled
      ? 'Identity verification is on: the widget accepts a userId only with its userHash, and the customer sees the same conversations on every device.'
      : `Identity verification is off: set ${hmac.setting} (a long random secret shared with your application's server) to identify signed-in users.`),
    h('section', { class: 'card' }, h('h2', {}, '1. Compute userHash on your server'),
      h('p', { class: 'subtle' }, `userHash is the hex ${hmac.algorithm} of the user id under the identity secret. Never compute it in the browser: the secret must stay on your server.`),
      h('div', { class: 'field' }, h('label', { for: 'f-user-expr' }, 'Your expression for the signed-in user\'s id'), expression,
        h('p', { class: 'hint', id: 'user-expr-hint' }, 'e.g. user.id, current_user.id, $user->id')),
      tabs, code),
    h('section', { class: 'card' }, h('h2', {}, '2. Pass it to the widget'), tag),
    h('section', { class: 'card', id: 'jwt-section' }, h('h2', {}, 'Or sign a JWT'),
      h('p', { class: 'subtle', id: 'jwt-status' }, jwtStatus(status.jwt)),
      h('pre', { class: 'snippet', id: 'jwt-snippet' }, JWT_SNIPPET),
      h('p', { class: 'subtle' }, 'Pass it as data-jwt="{{ jwt }}" on the widget tag, or Parley.identify({ jwt }) after sign-in. sub and exp are required; name, email and company count as verified.')),
    settingsCard(app, status, () => identity(app, main)),
    check);
  render();
}

function jwtStatus(jwt) {
  const accepted = [jwt.hs256 && 'HS256 (the identity secret)', jwt.rs256 && `RS256 (${jwt.jwksUri ? `keys from ${jwt.jwksUri}` : 'the PEM public key'})`]
    .filter(Boolean);
  return accepted.length ? `Accepted: ${accepted.join(' and ')}; clock skew ${jwt.clockSkewSeconds} s.`
    : 'No identity JWT is accepted yet: set a secret of at least 32 characters, or an RS256 key, below.';
}

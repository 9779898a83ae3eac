// The identity settings card of the identity page: the HS256/userHash secret (write-only: the page never sees it,
// only whether it is set and where from), the RS256 JWKS URI or PEM public key, and the clock skew; saved with
// PUT /api/agent/identity-verification. Only what the admin changed is sent: an unchanged field keeps its value, an
// emptied one goes back to the configuration. The PEM key, like the secret, is never shown again once saved (the
// status says only where it comes from), so removing it is a checkbox rather than emptying a field.
import { h } from '../../common/dom.js';
import { toast } from '../../common/ui.js';

const SOURCE = { ADMIN: 'saved here', CONFIGURATION: 'from configuration', NONE: 'not set' };

/**
 * The change to send: the fields whose value differs from what the page showed. The secret input starts empty (it
 * is never shown), so typing one sets it, and "clear" sends an empty one; the same for the PEM key.
 * @param {{jwksUri: string, publicKey: string, clockSkewSeconds: number}} shown
 * @param {{hmacSecret: string, clearSecret: boolean, jwksUri: string, publicKey: string, clearPublicKey?: boolean,
 *   clockSkewSeconds: string}} form
 */
export function changedSettings(shown, form) {
  const change = {};
  if (form.clearSecret) change.hmacSecret = '';
  else if (form.hmacSecret.trim()) change.hmacSecret = form.hmacSecret.trim();
  if (form.jwksUri.trim() !== (shown.jwksUri || '')) change.jwksUri = form.jwksUri.trim();
  if (form.clearPublicKey) change.publicKey = '';
  else if (form.publicKey.trim() !== (shown.publicKey || '').trim()) change.publicKey = form.publicKey.trim();
  const skew = String(form.clockSkewSeconds).trim();
  if (skew !== '' && Number(skew) !== shown.clockSkewSeconds) change.clockSkewSeconds = Number(skew);
  return change;
}

/** Node.js code that signs the identity JWT (HS256) for the signed-in user; `jose` is one small dependency. */
export const JWT_SNIPPET = `import { SignJWT } from 'jose';

// on your server, for the signed-in user: a short-lived token the widget sends once
const jwt = await new SignJWT({ name: user.name, email: user.email, plan: user.plan })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(String(user.id))
  .setExpirationTime('10m')
  .sign(new TextEncoder().encode(process.env.PARLEY_IDENTITY_SECRET));`;

export function settingsCard(app, status, saved) {
  const s = status.settings;
  const shown = { jwksUri: s.jwksUri === 'ADMIN' ? s.jwksUriValue || '' : '', publicKey: '', clockSkewSeconds: s.clockSkewSeconds };
  const secret = h('input', { type: 'password', id: 'f-hmac-secret', autocomplete: 'new-password',
    placeholder: s.hmacSecret === 'NONE' ? 'not set' : `set (${SOURCE[s.hmacSecret]}); type to replace` });
  const clear = h('input', { type: 'checkbox', id: 'f-clear-secret', disabled: s.hmacSecret !== 'ADMIN' });
  const jwks = h('input', { type: 'url', id: 'f-jwks-uri', value: shown.jwksUri, placeholder: s.jwksUri === 'CONFIGURATION'
    ? `${s.jwksUriValue} (from configuration)` : 'https://app.example.com/.well-known/jwks.json' });
  const pem = h('textarea', { id: 'f-public-key', rows: 4, placeholder: s.publicKey === 'NONE' ? '-----BEGIN PUBLIC KEY-----'
    : `a key is set (${SOURCE[s.publicKey]}); paste one to replace it` });
  const clearKey = h('input', { type: 'checkbox', id: 'f-clear-public-key', disabled: s.publicKey !== 'ADMIN' });
  const skew = h('input', { type: 'number', id: 'f-clock-skew', min: 0, max: 600, value: String(s.clockSkewSeconds) });
  const where = h('p', { class: 'subtle', id: 'identity-sources' },
    `Secret: ${SOURCE[s.hmacSecret]}. JWKS URI: ${SOURCE[s.jwksUri]}. PEM key: ${SOURCE[s.publicKey]}. Clock skew: ${SOURCE[s.clockSkew]}.`,
    s.updatedAt ? ` Last saved ${new Date(s.updatedAt).toLocaleString()} by ${s.updatedBy || 'an admin'}.` : '');
  const form = h('form', { class: 'card', id: 'identity-settings-form', novalidate: true }, h('h2', {}, 'Settings'),
    h('p', { class: 'subtle' }, 'What you save here takes precedence over the configuration (parley.customer.identity-*); an emptied field goes back to it. The secret is stored encrypted and never shown again.'),
    where,
    h('div', { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { for: 'f-hmac-secret' }, 'Identity secret (userHash and HS256, at least 32 characters)'), secret,
        h('label', { class: 'check' }, clear, ' Remove the saved secret')),
      h('div', { class: 'field' }, h('label', { for: 'f-clock-skew' }, 'Clock skew for exp/nbf (seconds)'), skew),
      h('div', { class: 'field' }, h('label', { for: 'f-jwks-uri' }, 'RS256: JWKS URI'), jwks),
      h('div', { class: 'field' }, h('label', { for: 'f-public-key' }, 'RS256: or a PEM public key'), pem,
        h('label', { class: 'check' }, clearKey, ' Remove the saved PEM key'))),
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'identity-save' }, 'Save settings'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const change = changedSettings(shown, { hmacSecret: secret.value, clearSecret: clear.checked, jwksUri: jwks.value,
      publicKey: pem.value, clearPublicKey: clearKey.checked, clockSkewSeconds: skew.value });
    if (!Object.keys(change).length) {
      toast('Nothing changed.');
      return;
    }
    try {
      const next = await app.api.put('/api/agent/identity-verification', change);
      toast('Identity settings saved.', 'success');
      saved(next);
    } catch (e) {
      toast(e.fields && Object.keys(e.fields).length ? Object.entries(e.fields).map(([f, m]) => `${f} ${m}`).join('; ') : e.message, 'error');
    }
  });
  return form;
}

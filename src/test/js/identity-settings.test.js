import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedSettings } from '../../main/resources/static/admin/js/identity-settings.js';

const shown = { jwksUri: '', publicKey: '', clockSkewSeconds: 60 };
const untouched = { hmacSecret: '', clearSecret: false, jwksUri: '', publicKey: '', clockSkewSeconds: '60' };

test('an untouched form changes nothing: the secret is never sent back', () => {
  assert.deepEqual(changedSettings(shown, untouched), {});
});

test('a typed secret, a new skew and a pasted key are sent, trimmed', () => {
  assert.deepEqual(changedSettings(shown, { ...untouched, hmacSecret: '  s3cret-of-at-least-32-characters!!  ',
    clockSkewSeconds: ' 30 ', publicKey: '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n' }),
  { hmacSecret: 's3cret-of-at-least-32-characters!!', clockSkewSeconds: 30,
    publicKey: '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----' });
});

test('removing the saved secret sends an empty one, whatever was typed; an emptied URI goes back to configuration', () => {
  assert.deepEqual(changedSettings({ ...shown, jwksUri: 'https://app.example/jwks.json' },
    { ...untouched, hmacSecret: 'typed', clearSecret: true }), { hmacSecret: '', jwksUri: '' });
});

test('an empty skew field is left alone rather than sent as 0', () => {
  assert.deepEqual(changedSettings(shown, { ...untouched, clockSkewSeconds: '' }), {});
});

test('removing the saved PEM key sends an empty one, whatever was pasted; a key pasted over it replaces it', () => {
  assert.deepEqual(changedSettings(shown, { ...untouched, publicKey: '-----BEGIN PUBLIC KEY-----', clearPublicKey: true }),
    { publicKey: '' });
  assert.deepEqual(changedSettings(shown, { ...untouched, publicKey: ' KEY ', clearPublicKey: false }), { publicKey: 'KEY' });
});

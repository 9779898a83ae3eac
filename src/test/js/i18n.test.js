import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { LANGUAGES, isRtl, resolveLanguage, translator, loadTranslator } from '../../main/resources/static/common/i18n.js';

const DIR = new URL('../../main/resources/static/i18n/', import.meta.url);
const bundle = language => JSON.parse(readFileSync(new URL(`${language}.json`, DIR), 'utf8'));
const placeholders = text => [...text.matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort();

test('there is one bundle per supported language, and no other', () => {
  const files = readdirSync(DIR).filter(f => f.endsWith('.json')).map(f => f.slice(0, -5)).sort();
  assert.deepEqual(files, [...LANGUAGES].sort());
});

for (const language of LANGUAGES) {
  test(`${language}: every key of every other bundle, each non-empty text with the same placeholders`, () => {
    const texts = bundle(language);
    for (const other of LANGUAGES) {
      const missing = Object.keys(bundle(other)).filter(key => !(key in texts));
      assert.deepEqual(missing, [], `${language}.json lacks keys that ${other}.json has`);
    }
    const english = bundle('en');
    for (const [key, text] of Object.entries(texts)) {
      assert.equal(typeof text, 'string', `${language}.${key}`);
      assert.ok(text.trim(), `${language}.${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(english[key]), `${language}.${key} placeholders`);
    }
  });
}

test('resolveLanguage takes the closest supported language, then the browser\'s, else English', () => {
  assert.equal(resolveLanguage('de-AT', []), 'de');
  assert.equal(resolveLanguage('pt-BR', ['es-MX', 'en']), 'es');
  assert.equal(resolveLanguage(undefined, ['ja']), 'en');
  assert.ok(isRtl('fa-IR'));
  assert.ok(!isRtl('fr'));
});

test('the translator fills placeholders with local digits and falls back to English, then to the key', () => {
  const t = translator('fa', { unread: '{count} خوانده‌نشده' }, { unread: '{count} unread', send: 'Send' });
  assert.equal(t('unread', { count: 3 }), '۳ خوانده‌نشده');
  assert.equal(t('send'), 'Send');
  assert.equal(t('nope'), 'nope');
  assert.equal(t.dir, 'rtl');
});

test('loadTranslator fetches the bundle and English once, and survives a bundle that cannot be loaded', async () => {
  const urls = [];
  const fetch = async url => {
    urls.push(url);
    return url.endsWith('/en.json') ? { ok: true, json: async () => ({ send: 'Send', close: 'Close' }) }
      : { ok: true, json: async () => ({ send: 'Senden' }) };
  };
  const t = await loadTranslator('https://s.example/', 'de-DE', fetch);
  assert.equal(t('send'), 'Senden');
  assert.equal(t('close'), 'Close');
  await loadTranslator('https://s.example/', 'de', fetch);
  assert.deepEqual(urls.sort(), ['https://s.example/i18n/de.json', 'https://s.example/i18n/en.json']);
  const broken = await loadTranslator('https://t.example/', 'tr', async () => { throw new Error('offline'); });
  assert.equal(broken('send'), 'send');
});

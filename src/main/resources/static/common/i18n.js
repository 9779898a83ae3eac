// Texts a customer reads, one JSON bundle per language under /i18n/<language>.json (the same languages as the
// server and the bot). A missing key falls back to English, then to the key itself.

export const LANGUAGES = ['en', 'tr', 'fa', 'de', 'es', 'fr'];
export const RTL_LANGUAGES = new Set(['fa', 'ar', 'he', 'ur']);

/** "de-AT" → "de" */
export function primary(locale) {
  return String(locale || '').toLowerCase().split(/[-_]/)[0];
}

export function isRtl(locale) {
  return RTL_LANGUAGES.has(primary(locale));
}

/** The supported language closest to the requested one, then to the browser's languages, else English. */
export function resolveLanguage(requested, preferred = globalThis.navigator ? (navigator.languages || [navigator.language]) : []) {
  for (const candidate of [requested, ...preferred].filter(Boolean)) {
    if (LANGUAGES.includes(primary(candidate))) return primary(candidate);
  }
  return 'en';
}

/** A translator over loaded bundles: t('unread', {count: 2}); t.locale and t.dir tell the language and direction. */
export function translator(language, bundle, fallback = {}) {
  const numbers = new Intl.NumberFormat(language);
  const t = (key, params) => {
    let text = bundle[key] ?? fallback[key] ?? key;
    if (params) {
      for (const [name, value] of Object.entries(params)) {
        const shown = typeof value === 'number' ? numbers.format(value) : String(value);
        text = text.split(`{${name}}`).join(shown);
      }
    }
    return text;
  };
  t.locale = language;
  t.dir = isRtl(language) ? 'rtl' : 'ltr';
  return t;
}

const bundles = new Map(); // url -> Promise<object>

/** The bundle at {@code root}/i18n/{language}.json, fetched once per page; {} when it cannot be loaded. */
export function loadBundle(root, language, doFetch = globalThis.fetch) {
  const url = new URL(`i18n/${language}.json`, root).toString();
  if (!bundles.has(url)) {
    bundles.set(url, doFetch(url).then(r => (r.ok ? r.json() : {})).catch(() => ({})));
  }
  return bundles.get(url);
}

/** A translator for {@code locale} with English underneath, from the bundles under {@code root}. */
export async function loadTranslator(root, locale, doFetch) {
  const language = resolveLanguage(locale);
  const [bundle, english] = await Promise.all([loadBundle(root, language, doFetch), loadBundle(root, 'en', doFetch)]);
  return translator(language, bundle, english);
}

// The help article page (help.html): renders one published article. A file, not inline script, so the page
// runs under a Content-Security-Policy without 'unsafe-inline'.
import { marked } from '/webjars/marked/lib/marked.esm.js';
import DOMPurify from '/webjars/dompurify/dist/purify.es.mjs';
import { createMarkdown } from '/common/markdown.js';
import { isRtl, loadTranslator } from '/common/i18n.js';
import { request } from '/common/api.js';
// the same sanitising renderer as the widget and the writer's preview, so a published article reads as previewed
const markdown = createMarkdown(marked, DOMPurify);

const main = document.getElementById('article');
const [, , locale, slug] = location.pathname.split('/').map(decodeURIComponent);
document.documentElement.lang = locale;
if (isRtl(locale)) document.documentElement.dir = 'rtl';
const t = await loadTranslator(location.origin + '/', locale);
main.firstElementChild.textContent = t('loading');
try {
  const article = await request('GET', `/api/help/${encodeURIComponent(locale)}/${encodeURIComponent(slug)}`).catch(e => {
    throw new Error(e.status === 404 ? t('helpNotFound') : t('helpError', { status: e.status }));
  });
  document.title = article.title;
  const h1 = document.createElement('h1');
  h1.textContent = article.title;
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.textContent = new Date(article.updatedAt).toLocaleDateString(locale);
  const body = document.createElement('div');
  body.replaceChildren(markdown(article.body));
  main.replaceChildren(h1, meta, body);
} catch (e) {
  const p = document.createElement('p');
  p.className = 'error';
  p.textContent = e.message;
  main.replaceChildren(p);
}

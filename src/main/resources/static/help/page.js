// The help article page (help.html): renders one published article. A file, not inline script, so the page
// runs under a Content-Security-Policy without 'unsafe-inline'.
import { marked } from '/webjars/marked/lib/marked.esm.js';
import DOMPurify from '/webjars/dompurify/dist/purify.es.mjs';
import { createMarkdown } from '/common/markdown.js';
// the same sanitising renderer as the widget and the writer's preview, so a published article reads as previewed
const markdown = createMarkdown(marked, DOMPurify);

const main = document.getElementById('article');
const [, , locale, slug] = location.pathname.split('/').map(decodeURIComponent);
document.documentElement.lang = locale;
if (['fa', 'ar', 'he', 'ur'].includes(locale.split('-')[0])) document.documentElement.dir = 'rtl';
try {
  const response = await fetch(`/api/help/${encodeURIComponent(locale)}/${encodeURIComponent(slug)}`);
  if (!response.ok) throw new Error(response.status === 404 ? 'This article does not exist or is not published.' : `Error ${response.status}`);
  const article = await response.json();
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

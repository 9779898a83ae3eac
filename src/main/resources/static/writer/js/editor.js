// The article editor: fields, live sanitised Markdown preview, save (Ctrl+S), publish / unpublish, archive, delete,
// revisions with restore, the article's usage by the bot, and "start an article from a content gap".
import { h, fill, when, toast, dialog, showFieldErrors, clearFieldErrors, isRtl } from './dom.js';

const FIELDS = ['title', 'slug', 'locale', 'tags', 'translationOf', 'sourceUrl', 'body'];

export async function articleEditor(app, main, id, params) {
  let article = null;
  let gap = null;
  fill(main, h('p', { class: 'subtle' }, 'Loading…'));
  try {
    if (id) article = await app.api.get(`/api/articles/${id}`);
    if (!id && params.get('gap')) gap = await app.api.get(`/api/insights/content-gaps/${encodeURIComponent(params.get('gap'))}`);
  } catch (e) {
    fill(main, h('div', { class: 'banner error', role: 'alert' }, e.status === 404 ? 'This article does not exist (any more).' : e.message),
      h('a', { href: '#/articles', class: 'btn' }, '← Back to articles'));
    return;
  }
  new Editor(app, main, article, gap).render();
}

class Editor {
  constructor(app, main, article, gap) {
    this.app = app;
    this.main = main;
    this.article = article;
    this.gap = gap;
    this.busy = false;
  }

  initialValues() {
    const a = this.article;
    if (a) {
      return { title: a.title, slug: a.slug, locale: a.locale, tags: a.tags.join(', '), translationOf: a.translationOf || '',
        sourceUrl: a.sourceUrl || '', body: a.body.replace(/\r\n?/g, '\n') };
    }
    if (this.gap) {
      // a content gap: its question as the title, the agent's answer as a first draft
      const locale = Object.entries(this.gap.locales).sort((x, y) => y[1] - x[1])[0]?.[0] || 'en';
      const questions = this.gap.examples.map(q => `- ${q.question}`).join('\n');
      const draft = this.gap.draft ? `${this.gap.draft.text}\n` : 'Write the answer here.\n';
      return { title: this.gap.title, slug: '', locale: locale === 'und' ? 'en' : locale, tags: '', translationOf: '', sourceUrl: '',
        body: `${draft}\n<!-- Customers asked:\n${questions}\n-->\n` };
    }
    return { title: '', slug: '', locale: 'en', tags: '', translationOf: '', sourceUrl: '', body: '' };
  }

  render() {
    const a = this.article;
    document.title = `${a ? a.title : 'New article'} · Parley Writer`;
    const v = this.initialValues();
    this.inputs = {
      title: h('input', { type: 'text', id: 'f-title', name: 'title', value: v.title, required: true, maxlength: 200, dir: 'auto' }),
      slug: h('input', { type: 'text', id: 'f-slug', name: 'slug', value: v.slug, placeholder: 'made from the title', 'data-hint': 'hint-slug', 'aria-describedby': 'hint-slug', spellcheck: 'false' }),
      locale: h('input', { type: 'text', id: 'f-locale', name: 'locale', value: v.locale, list: 'locales', 'data-hint': 'hint-locale', 'aria-describedby': 'hint-locale', spellcheck: 'false' }),
      tags: h('input', { type: 'text', id: 'f-tags', name: 'tags', value: v.tags, 'data-hint': 'hint-tags', 'aria-describedby': 'hint-tags' }),
      translationOf: h('input', { type: 'text', id: 'f-translationOf', name: 'translationOf', value: v.translationOf, 'data-hint': 'hint-translation', 'aria-describedby': 'hint-translation', spellcheck: 'false' }),
      sourceUrl: h('input', { type: 'url', id: 'f-sourceUrl', name: 'sourceUrl', value: v.sourceUrl, placeholder: 'https://…' }),
      body: h('textarea', { id: 'f-body', name: 'body', rows: 22, required: true, dir: 'auto', 'data-hint': 'hint-body', 'aria-describedby': 'hint-body' }),
    };
    this.inputs.body.value = v.body;
    this.saved = a ? JSON.stringify(this.initialValues()) : JSON.stringify({ title: '', slug: '', locale: 'en', tags: '', translationOf: '', sourceUrl: '', body: '' });
    if (!a && this.gap) this.saved = '';
    this.app.dirty = () => JSON.stringify(this.values()) !== this.saved;

    this.banner = h('div', { id: 'editor-banner', role: 'alert' });
    this.preview = h('div', { class: 'md', id: 'preview-body', 'aria-live': 'off' });
    this.previewTitle = h('h1', { id: 'preview-title', dir: 'auto' });
    this.actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Article actions' });
    this.revisionList = h('ul', { class: 'revisions', id: 'revisions', 'aria-label': 'Revisions, newest first' });
    this.usageBox = h('div', { class: 'stats', id: 'usage' });
    this.heading = h('h1', { dir: 'auto' });
    this.statusBadge = h('span', { class: 'badge', id: 'status' });
    this.linkGap = this.gap ? h('input', { type: 'checkbox', id: 'link-gap', checked: true }) : null;

    const field = (name, text, input, hint, hintId) => h('div', { class: 'field' },
      h('label', { for: input.id, 'data-name': text }, text), input,
      hint ? h('p', { class: 'subtle', id: hintId }, hint) : null);
    this.form = h('form', { class: 'card', id: 'article-form', 'aria-label': 'Article', novalidate: true },
      h('datalist', { id: 'locales' }, ['en', 'tr', 'fa', 'de'].map(l => h('option', { value: l }))),
      field('title', 'Title', this.inputs.title),
      h('div', { class: 'row' },
        field('slug', 'Slug', this.inputs.slug, 'a-z, 0-9 and -', 'hint-slug'),
        field('locale', 'Locale', this.inputs.locale, 'en, tr, fa, de, pt-BR…', 'hint-locale')),
      h('div', { class: 'row' },
        field('tags', 'Tags', this.inputs.tags, 'comma separated', 'hint-tags'),
        field('translationOf', 'Translation of', this.inputs.translationOf, 'slug of the source-language article', 'hint-translation')),
      field('sourceUrl', 'Source URL', this.inputs.sourceUrl),
      field('body', 'Body', this.inputs.body, 'Markdown. Ctrl+S saves.', 'hint-body'));

    const side = h('aside', { class: 'side', 'aria-label': 'Publishing and history' },
      this.gap ? h('div', { class: 'gap-link' }, h('label', { for: 'link-gap' }, this.linkGap,
        h('span', {}, `When saved, mark the content gap “${this.gap.title}” (${this.gap.count} question${this.gap.count === 1 ? '' : 's'}) as addressed by this article`))) : null,
      h('section', { class: 'card', 'aria-labelledby': 'actions-title' }, h('h2', { id: 'actions-title' }, 'Publishing'), this.actions),
      h('section', { class: 'card', 'aria-labelledby': 'usage-title' }, h('h2', { id: 'usage-title' }, 'With customers'), this.usageBox,
        h('p', { class: 'subtle' }, 'Cited by the bot, and what customers said to “Did that answer your question?”')),
      h('section', { class: 'card', 'aria-labelledby': 'rev-title' }, h('h2', { id: 'rev-title' }, 'Revisions'), this.revisionList));

    fill(this.main,
      h('div', { class: 'page-head' }, h('a', { href: '#/articles', class: 'btn btn-ghost', 'aria-label': 'Back to articles' }, '←'),
        this.heading, this.statusBadge, h('span', { class: 'spacer' }), h('span', { class: 'subtle', id: 'version' })),
      this.banner,
      h('div', { class: 'editor' }, this.form,
        h('section', { class: 'card preview', 'aria-label': 'Preview' }, h('p', { class: 'subtle' }, 'Preview'), this.previewTitle, this.preview),
        side));

    let timer = null;
    this.form.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.renderPreview(), 120);
      this.renderHeader();
    });
    this.form.addEventListener('submit', e => { e.preventDefault(); this.save(); });
    this.form.addEventListener('keydown', e => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        this.save();
      }
    });
    this.renderHeader();
    this.renderPreview();
    this.renderActions();
    this.loadSide();
    (a ? this.inputs.body : this.inputs.title).focus();
  }

  values() {
    const v = {};
    for (const f of FIELDS) v[f] = this.inputs[f].value;
    return v;
  }

  request() {
    const v = this.values();
    return { title: v.title, slug: v.slug.trim(), locale: v.locale.trim(), body: v.body,
      tags: v.tags.split(',').map(t => t.trim()).filter(Boolean), translationOf: v.translationOf.trim(), sourceUrl: v.sourceUrl.trim() };
  }

  renderHeader() {
    const a = this.article;
    this.heading.textContent = a ? a.title : (this.inputs.title.value || 'New article');
    this.statusBadge.textContent = a ? a.status : 'new';
    this.statusBadge.className = `badge ${a ? a.status : ''}`;
    const dirty = this.app.dirty();
    document.getElementById('version').textContent = (a ? `Version ${a.version}` : 'Not saved yet') + (dirty ? ' · unsaved changes' : '');
  }

  renderPreview() {
    const locale = this.inputs.locale.value;
    this.preview.closest('.preview').setAttribute('dir', isRtl(locale) ? 'rtl' : 'ltr');
    this.previewTitle.textContent = this.inputs.title.value;
    this.preview.replaceChildren(this.app.markdown(this.inputs.body.value));
  }

  renderActions() {
    const a = this.article;
    const button = (label, id, onclick, cls = '') => h('button', { type: 'button', class: `btn ${cls}`, id, onclick, disabled: this.busy }, label);
    const items = [button('Save', 'save', () => this.save(), 'btn-primary')];
    if (!a) {
      items.push(button('Save and publish', 'publish', () => this.save('published')));
    } else if (a.status === 'draft') {
      items.push(button('Publish', 'publish', () => this.transition('publish')));
      items.push(button('Archive', 'archive', () => this.transition('archive')));
    } else if (a.status === 'published') {
      items.push(button('Unpublish', 'unpublish', () => this.transition('unpublish')));
      items.push(button('Archive', 'archive', () => this.transition('archive')));
    } else {
      items.push(button('Unarchive', 'unarchive', () => this.transition('unarchive')));
    }
    if (a) {
      items.push(button('Delete', 'delete', () => this.remove(), 'btn-danger'));
      if (a.status === 'published') {
        items.push(h('a', { class: 'btn btn-ghost', href: `/help/${encodeURIComponent(a.locale)}/${encodeURIComponent(a.slug)}`, target: '_blank', rel: 'noopener' }, 'View live ↗'));
      }
      items.push(h('a', { class: 'btn btn-ghost', href: `#/test?q=${encodeURIComponent(a.title)}&locale=${encodeURIComponent(a.locale)}` }, 'Test a question'));
    }
    fill(this.actions, items);
  }

  showError(e) {
    if (e.fields && Object.keys(e.fields).length) {
      const rest = showFieldErrors(this.form, e.fields);
      const other = Object.entries(rest).map(([f, m]) => `${f} ${m}`).join('; ');
      fill(this.banner, h('div', { class: 'banner error' }, other ? `Please fix: ${other}` : 'Please fix the marked fields.'));
      return;
    }
    const parts = [h('span', {}, e.message)];
    if (e.code === 'article_version_conflict') {
      parts.push(h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.reload() }, 'Reload the article'));
    }
    fill(this.banner, h('div', { class: 'banner error' }, parts));
  }

  async run(work) {
    if (this.busy) return;
    this.busy = true;
    this.renderActions();
    fill(this.banner);
    try {
      await work();
    } catch (e) {
      this.showError(e);
    } finally {
      this.busy = false;
      this.renderActions();
      this.renderHeader();
    }
  }

  /** Saves the form (creating the article the first time); {@code status} publishes a new article right away. */
  save(status) {
    return this.run(() => this.persist(status));
  }

  async persist(status) {
    clearFieldErrors(this.form);
    const body = this.request();
    let saved;
    if (!this.article) {
      saved = await this.app.api.post('/api/articles', { ...body, status: status || 'draft' });
    } else if (!this.app.dirty()) {
      return this.article;
    } else {
      saved = await this.app.api.put(`/api/articles/${this.article.id}`, { ...body, version: this.article.version });
    }
    const created = !this.article;
    this.accept(saved);
    if (created) {
      this.app.replaceHash(`#/articles/${saved.id}`);
      toast(status === 'published' ? 'Article created and published' : 'Draft created');
      if (this.gap && this.linkGap && this.linkGap.checked) {
        try {
          await this.app.api.post(`/api/insights/content-gaps/${this.gap.id}/address`, { articleId: saved.id });
          toast(`Content gap marked as addressed`);
        } catch (e) {
          toast(`Could not mark the content gap as addressed: ${e.message}`, 'error');
        }
        this.gap = null;
        document.querySelector('.gap-link')?.remove();
      }
    } else {
      toast('Saved');
    }
    this.loadSide();
    return saved;
  }

  accept(article) {
    this.article = article;
    for (const [f, v] of Object.entries(this.initialValues())) {
      if (this.inputs[f].value !== v) this.inputs[f].value = v;
    }
    this.saved = JSON.stringify(this.initialValues());
    document.title = `${article.title} · Parley Writer`;
    this.renderPreview();
  }

  transition(action) {
    return this.run(async () => {
      // publishing publishes what the writer sees: unsaved edits are saved first
      if (this.app.dirty()) await this.persist();
      const updated = await this.app.api.post(`/api/articles/${this.article.id}/${action}`);
      this.accept(updated);
      toast({ publish: 'Published: customers and the bot see it now', unpublish: 'Unpublished: back to draft',
        archive: 'Archived', unarchive: 'Unarchived: back to draft' }[action]);
      this.loadSide();
    });
  }

  async remove() {
    const ok = await dialog({ title: 'Delete this article?', body: h('p', {}, `“${this.article.title}” disappears from the help centre and the bot. Its revisions are kept for the record.`),
      confirm: 'Delete article', danger: true });
    if (!ok) return;
    await this.run(async () => {
      await this.app.api.del(`/api/articles/${this.article.id}`);
      this.app.dirty = null;
      toast('Article deleted');
      this.app.navigate('#/articles');
    });
  }

  async reload() {
    const fresh = await this.app.api.get(`/api/articles/${this.article.id}`);
    this.accept(fresh);
    fill(this.banner, h('div', { class: 'banner info' }, `Reloaded version ${fresh.version}. Apply your change again.`));
    this.renderActions();
    this.renderHeader();
    this.loadSide();
  }

  async loadSide() {
    const a = this.article;
    if (!a) {
      fill(this.revisionList, h('li', { class: 'subtle' }, 'Revisions appear once the article is saved.'));
      fill(this.usageBox, stat('Shown', 0), stat('Helpful', 0), stat('Unhelpful', 0));
      return;
    }
    try {
      const [revisions, usage] = await Promise.all([
        this.app.api.get(`/api/articles/${a.id}/revisions`),
        this.app.api.get(`/api/insights/content-gaps/article-usage/${a.id}`).catch(() => ({ shown: 0, helpful: 0, unhelpful: 0 }))]);
      fill(this.usageBox, stat('Shown', usage.shown), stat('Helpful', usage.helpful), stat('Unhelpful', usage.unhelpful));
      fill(this.revisionList, revisions.map(r => this.revisionItem(r, revisions[0].revision)));
    } catch (e) {
      fill(this.revisionList, h('li', { class: 'field-error' }, `Could not load revisions: ${e.message}`));
    }
  }

  revisionItem(r, latest) {
    const action = r.action + (r.restoredFrom ? ` from #${r.restoredFrom}` : '');
    return h('li', { 'data-revision': r.revision },
      h('span', { class: 'rev-no' }, `#${r.revision}`), h('span', { class: 'badge' }, action),
      h('span', { class: 'rev-meta' }, r.editor?.name || 'system', ' · ', when(r.createdAt)),
      h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `View revision ${r.revision}`, onclick: () => this.viewRevision(r) }, 'View'),
      r.revision === latest ? h('span', { class: 'subtle' }, 'current') : h('button', { type: 'button', class: 'btn btn-small restore',
        'aria-label': `Restore revision ${r.revision}`, onclick: () => this.restore(r) }, 'Restore'));
  }

  viewRevision(r) {
    const body = h('div', { class: 'preview', dir: isRtl(r.locale) ? 'rtl' : 'ltr' },
      h('p', { class: 'subtle' }, `${r.action} by ${r.editor?.name || 'system'} · ${new Date(r.createdAt).toLocaleString()} · ${r.locale}/${r.slug}`),
      h('h1', { dir: 'auto' }, r.title), h('div', { class: 'md' }, this.app.markdown(r.body)));
    return dialog({ title: `Revision ${r.revision}`, body, confirm: 'Close', cancel: null });
  }

  async restore(r) {
    const warning = this.app.dirty() ? ' Your unsaved changes will be lost.' : '';
    const ok = await dialog({ title: `Restore revision ${r.revision}?`,
      body: h('p', {}, `Its content comes back as a new revision; the status stays ${this.article.status}.${warning}`),
      confirm: 'Restore' });
    if (!ok) return;
    await this.run(async () => {
      const restored = await this.app.api.post(`/api/articles/${this.article.id}/revisions/${r.revision}/restore`);
      this.accept(restored);
      toast(`Revision ${r.revision} restored`);
      this.loadSide();
    });
  }
}

function stat(label, value) {
  return h('div', {}, h('b', {}, value), h('span', {}, label));
}

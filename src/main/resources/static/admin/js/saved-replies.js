// Saved replies agents insert with "/shortcut" in the console (GET|POST /api/agent/saved-replies,
// PUT|DELETE /api/agent/saved-replies/{id}); {customer.name}, {agent.name}, {ticket.number} are filled in.
import { id } from '../../common/api.js';
import { h, fill } from '../../common/dom.js';
import { toast, dialog, showFieldErrors, clearFieldErrors } from '../../common/ui.js';
import { LANGUAGES } from '../../common/i18n.js';

export async function savedReplies(app, main) {
  document.title = 'Saved replies · Parley Admin';
  const list = h('div', { id: 'reply-list' });
  const editor = h('div', { id: 'reply-editor' });
  const add = h('button', { type: 'button', class: 'btn btn-primary', id: 'new-reply' }, 'New saved reply');
  fill(main, h('div', { class: 'page-head' }, h('h1', {}, 'Saved replies'), h('span', { class: 'spacer' }), add),
    h('p', { class: 'subtle' }, 'Agents type /shortcut in the console. Placeholders: {customer.name}, {customer.email}, {agent.name}, {ticket.number}.'),
    editor, list);

  async function load() {
    const replies = await app.api.get('/api/agent/saved-replies');
    fill(list, replies.length ? h('div', { class: 'table-wrap card' }, h('table', { id: 'reply-table' },
      h('thead', {}, h('tr', {}, ['Shortcut', 'Title', 'Locale', 'Text', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, replies.map(r => h('tr', { 'data-shortcut': r.shortcut },
        h('td', {}, h('code', {}, `/${r.shortcut}`)), h('td', {}, r.title), h('td', {}, r.locale || 'any'),
        h('td', { dir: 'auto' }, r.body.length > 90 ? `${r.body.slice(0, 90)}…` : r.body),
        h('td', {}, h('button', { type: 'button', class: 'btn btn-small', onclick: () => edit(r) }, 'Edit')))))))
      : h('div', { class: 'card empty' }, 'No saved replies yet.'));
  }

  function edit(reply) {
    const r = reply || { shortcut: '', title: '', body: '', locale: '' };
    const shortcut = h('input', { type: 'text', id: 'f-shortcut', value: r.shortcut, required: true });
    const title = h('input', { type: 'text', id: 'f-title', value: r.title, required: true });
    const locale = h('select', { id: 'f-locale' }, h('option', { value: '' }, 'any'), LANGUAGES.map(l => h('option', { value: l }, l)));
    locale.value = r.locale || '';
    const body = h('textarea', { id: 'f-body', rows: 5, required: true }, r.body);
    const remove = reply ? h('button', { type: 'button', class: 'btn btn-danger', id: 'delete-reply' }, 'Delete') : null;
    const form = h('form', { class: 'card', id: 'reply-form', novalidate: true },
      h('h2', {}, reply ? `Edit /${reply.shortcut}` : 'New saved reply'),
      h('div', { class: 'form-grid' },
        h('div', { class: 'field' }, h('label', { for: 'f-shortcut' }, 'Shortcut'), shortcut),
        h('div', { class: 'field' }, h('label', { for: 'f-title' }, 'Title'), title),
        h('div', { class: 'field' }, h('label', { for: 'f-locale' }, 'Locale'), locale)),
      h('div', { class: 'field' }, h('label', { for: 'f-body' }, 'Text'), body),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'save-reply' }, 'Save'), remove,
        h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => fill(editor) }, 'Cancel')));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearFieldErrors(form);
      const data = { shortcut: shortcut.value.trim(), title: title.value.trim(), body: body.value, locale: locale.value || null };
      try {
        if (reply) await app.api.put(`/api/agent/saved-replies/${id(reply.id)}`, data);
        else await app.api.post('/api/agent/saved-replies', data);
        toast(`Saved reply /${data.shortcut} saved.`);
        fill(editor);
        await load();
      } catch (e) {
        const rest = showFieldErrors(form, e.fields);
        if (Object.keys(rest).length || !Object.keys(e.fields).length) toast(e.message, 'error');
      }
    });
    remove?.addEventListener('click', async () => {
      if (!(await dialog({ title: `Delete /${reply.shortcut}?`, danger: true, confirm: 'Delete' }))) return;
      await app.api.del(`/api/agent/saved-replies/${id(reply.id)}`);
      toast(`Saved reply /${reply.shortcut} deleted.`);
      fill(editor);
      await load();
    });
    fill(editor, form);
    shortcut.focus();
  }

  add.addEventListener('click', () => edit(null));
  await load();
}

// Staff: every account with its roles; invite (an account with a one-time initial password to hand over), change
// roles, deactivate and reactivate (GET|POST /api/agent/staff, PUT /api/agent/staff/{id}).
import { id } from '../../common/api.js';
import { h, fill } from '../../common/dom.js';
import { toast, dialog, showFieldErrors, clearFieldErrors } from '../../common/ui.js';

const ROLES = ['AGENT', 'WRITER', 'ADMIN'];

export async function staff(app, main) {
  document.title = 'Staff · Parley Admin';
  const list = h('div', { id: 'staff-list' });
  const email = h('input', { type: 'email', id: 'f-email', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', id: 'f-name', required: true, autocomplete: 'off' });
  const roles = h('div', { class: 'checks', role: 'group', 'aria-label': 'Roles' },
    ROLES.map(r => h('label', {}, h('input', { type: 'checkbox', name: 'role', value: r, checked: r === 'AGENT' }), r.toLowerCase())));
  const result = h('div', { id: 'invite-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'invite-form', novalidate: true },
    h('h2', {}, 'Invite a teammate'),
    h('div', { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { for: 'f-email' }, 'Email'), email),
      h('div', { class: 'field' }, h('label', { for: 'f-name' }, 'Name'), name),
      h('div', { class: 'field' }, h('span', { class: 'label' }, 'Roles'), roles)),
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'invite' }, 'Invite'), result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearFieldErrors(form);
    const password = initialPassword();
    const chosen = [...roles.querySelectorAll('input:checked')].map(i => i.value);
    try {
      const created = await app.api.post('/api/agent/staff', { email: email.value.trim(), name: name.value.trim(), password, roles: chosen });
      fill(result, h('div', { class: 'banner info' },
        h('p', {}, `${created.name} can now sign in as ${created.email} with this initial password (shown once; ask them to change it):`),
        h('p', { class: 'secret', id: 'initial-password' }, password)));
      email.value = '';
      name.value = '';
      await load();
    } catch (e) {
      const rest = showFieldErrors(form, e.fields);
      if (Object.keys(rest).length || !Object.keys(e.fields).length) toast(e.message, 'error');
    }
  });
  fill(main, h('div', { class: 'page-head' }, h('h1', {}, 'Staff')),
    h('p', { class: 'subtle' }, 'Agents answer conversations, writers keep the articles, admins configure Parley (and may do both).'),
    form, list);

  async function load() {
    const people = await app.api.get('/api/agent/staff');
    fill(list, h('div', { class: 'table-wrap card' }, h('table', { id: 'staff-table' },
      h('thead', {}, h('tr', {}, ['Name', 'Email', 'Roles', 'Status', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, people.map(p => row(app, p, load))))));
  }
  await load();
}

function row(app, person, reload) {
  const checks = ROLES.map(r => h('label', {}, h('input', { type: 'checkbox', value: r, checked: person.roles.includes(r),
    'aria-label': `${r.toLowerCase()} role of ${person.name}` }), r.toLowerCase()));
  const save = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'save-roles' }, 'Save roles');
  save.addEventListener('click', async () => {
    const roles = checks.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);
    await update(app, person, { roles }, `Roles of ${person.name} saved.`, reload);
  });
  const toggle = h('button', { type: 'button', class: `btn btn-small ${person.active ? 'btn-danger' : ''}`, 'data-action': 'toggle-active' },
    person.active ? 'Deactivate' : 'Reactivate');
  toggle.addEventListener('click', async () => {
    if (person.active && !(await dialog({ title: `Deactivate ${person.name}?`, danger: true, confirm: 'Deactivate',
      body: h('p', {}, 'They are signed out everywhere and can no longer sign in. Their conversations and notes stay.') }))) return;
    await update(app, person, { active: !person.active }, `${person.name} ${person.active ? 'deactivated' : 'reactivated'}.`, reload);
  });
  return h('tr', { class: person.active ? null : 'inactive', 'data-email': person.email },
    h('td', {}, person.name), h('td', {}, person.email), h('td', {}, h('div', { class: 'checks' }, checks)),
    h('td', { class: 'status' }, person.active ? 'active' : 'deactivated'), h('td', {}, h('div', { class: 'checks' }, save, toggle)));
}

async function update(app, person, changes, message, reload) {
  try {
    await app.api.put(`/api/agent/staff/${id(person.id)}`, changes);
    toast(message);
    await reload();
  } catch (e) {
    toast(e.message, 'error');
  }
}

/** 18 random characters from an alphabet without look-alikes (0/O, 1/l/I). */
function initialPassword() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return [...bytes].map(b => alphabet[b % alphabet.length]).join('');
}

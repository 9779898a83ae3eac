// Teams: who takes which conversations (locales, hand-off tags), their members, business hours per weekday and
// holidays (GET|POST /api/agent/teams, PUT|DELETE /api/agent/teams/{id}). Out of hours the widget says so.
import { id } from '../../common/api.js';
import { h, fill } from '../../common/dom.js';
import { toast, dialog } from '../../common/ui.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export async function teams(app, main) {
  document.title = 'Teams · Parley Admin';
  const list = h('div', { id: 'team-list' });
  const editor = h('div', { id: 'team-editor' });
  const add = h('button', { type: 'button', class: 'btn btn-primary', id: 'new-team' }, 'New team');
  fill(main, h('div', { class: 'page-head' }, h('h1', {}, 'Teams'), h('span', { class: 'spacer' }), add),
    h('p', { class: 'subtle' }, 'A hand-off goes to the most specific team that takes its locale and reason, within that team\'s hours.'),
    editor, list);
  const people = (await app.api.get('/api/agent/staff')).filter(p => p.active && p.grantedRoles.includes('AGENT'));

  async function load() {
    const all = await app.api.get('/api/agent/teams');
    fill(list, all.length ? h('div', { class: 'table-wrap card' }, h('table', { id: 'team-table' },
      h('thead', {}, h('tr', {}, ['Team', 'Locales', 'Tags', 'Members', 'Hours', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, all.map(team => h('tr', { 'data-team': team.name },
        h('td', {}, team.name), h('td', {}, team.locales.join(', ') || 'any'), h('td', {}, team.tags.join(', ') || 'any'),
        h('td', {}, String(team.memberIds.length)), h('td', {}, summary(team)),
        h('td', {}, h('button', { type: 'button', class: 'btn btn-small', onclick: () => edit(team) }, 'Edit')))))))
      : h('div', { class: 'card empty' }, 'No teams yet: every hand-off goes to one shared queue, always open.'));
  }

  function edit(team) {
    const t = team || { name: '', locales: [], tags: [], memberIds: [], timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, hours: null, holidays: [] };
    const name = h('input', { type: 'text', id: 'f-team-name', value: t.name, required: true });
    const locales = h('input', { type: 'text', id: 'f-team-locales', value: t.locales.join(', '), placeholder: 'any, or e.g. en, de' });
    const tags = h('input', { type: 'text', id: 'f-team-tags', value: t.tags.join(', '), placeholder: 'any, or e.g. billing_dispute' });
    const zone = h('input', { type: 'text', id: 'f-team-zone', value: t.timeZone || 'UTC' });
    const alwaysOpen = h('input', { type: 'checkbox', id: 'f-always-open', checked: !t.hours });
    const hours = DAYS.map(day => h('input', { type: 'text', id: `f-hours-${day}`, 'aria-label': `${day} hours`,
      value: ((t.hours || {})[day] || []).map(w => `${w.from.slice(0, 5)}-${w.to.slice(0, 5)}`).join(', '),
      placeholder: 'closed, or 09:00-17:00' }));
    const holidays = h('textarea', { id: 'f-holidays', rows: 3, placeholder: 'one date per line, e.g. 2026-12-25' }, t.holidays.join('\n'));
    const members = h('div', { class: 'checks', role: 'group', 'aria-label': 'Members' }, people.map(p =>
      h('label', {}, h('input', { type: 'checkbox', value: p.id, checked: t.memberIds.includes(p.id) }), p.name)));
    const table = h('table', { class: 'hours' }, h('tbody', {}, DAYS.map((day, i) => h('tr', {}, h('th', { scope: 'row' }, day), h('td', {}, hours[i])))));
    table.hidden = alwaysOpen.checked;
    alwaysOpen.addEventListener('change', () => { table.hidden = alwaysOpen.checked; });
    const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'save-team' }, 'Save team');
    const remove = team ? h('button', { type: 'button', class: 'btn btn-danger', id: 'delete-team' }, 'Delete') : null;
    const form = h('form', { class: 'card', id: 'team-form', novalidate: true },
      h('h2', {}, team ? `Edit ${team.name}` : 'New team'),
      h('div', { class: 'form-grid' },
        h('div', { class: 'field' }, h('label', { for: 'f-team-name' }, 'Name'), name),
        h('div', { class: 'field' }, h('label', { for: 'f-team-locales' }, 'Locales'), locales),
        h('div', { class: 'field' }, h('label', { for: 'f-team-tags' }, 'Hand-off reasons'), tags),
        h('div', { class: 'field' }, h('label', { for: 'f-team-zone' }, 'Time zone'), zone)),
      h('div', { class: 'field' }, h('span', { class: 'label' }, 'Members'), members),
      h('div', { class: 'field' }, h('label', {}, alwaysOpen, ' Always open'), table),
      h('div', { class: 'field' }, h('label', { for: 'f-holidays' }, 'Holidays (closed all day)'), holidays),
      h('div', { class: 'actions' }, save, remove,
        h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => fill(editor) }, 'Cancel')));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        const body = {
          name: name.value.trim(), locales: split(locales.value), tags: split(tags.value), timeZone: zone.value.trim() || 'UTC',
          memberIds: [...members.querySelectorAll('input:checked')].map(i => i.value),
          hours: alwaysOpen.checked ? null : Object.fromEntries(DAYS.map((day, i) => [day, windows(hours[i].value, day)])),
          holidays: holidays.value.split(/\s+/).filter(Boolean),
        };
        if (team) await app.api.put(`/api/agent/teams/${id(team.id)}`, body);
        else await app.api.post('/api/agent/teams', body);
        toast(`Team ${body.name} saved.`);
        fill(editor);
        await load();
      } catch (e) {
        toast(e.message, 'error');
      }
    });
    remove?.addEventListener('click', async () => {
      if (!(await dialog({ title: `Delete ${team.name}?`, danger: true, confirm: 'Delete',
        body: h('p', {}, 'Its conversations stay; new hand-offs go to the other teams.') }))) return;
      await app.api.del(`/api/agent/teams/${id(team.id)}`);
      toast(`Team ${team.name} deleted.`);
      fill(editor);
      await load();
    });
    fill(editor, form);
    name.focus();
  }

  add.addEventListener('click', () => edit(null));
  await load();
}

const split = text => text.split(',').map(s => s.trim()).filter(Boolean);

/** "09:00-12:00, 13:00-17:00" → [{from, to}, ...]; a malformed window is an error naming the day. */
function windows(text, day) {
  return split(text).map(part => {
    const m = part.match(/^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/);
    if (!m) throw new Error(`${day}: "${part}" is not a window such as 09:00-17:00`);
    return { from: m[1].padStart(5, '0'), to: m[2].padStart(5, '0') };
  });
}

function summary(team) {
  if (!team.hours) return 'always open';
  const open = DAYS.filter(d => (team.hours[d] || []).length);
  const first = open.length ? team.hours[open[0]][0] : null;
  return open.length ? `${open.length} days, from ${first.from.slice(0, 5)}` + (team.holidays.length ? ` · ${team.holidays.length} holidays` : '') : 'closed';
}

// Webhooks: endpoints that receive signed event notifications, their delivery log with retry, and "Send test"
// (/api/insights/webhooks, /{id}/deliveries, /{id}/deliveries/{deliveryId}/retry, /{id}/test).
import { id, query } from '../../common/api.js';
import { h, fill } from '../../common/dom.js';
import { toast, dialog, when } from '../../common/ui.js';

const EVENTS = ['ticket.created', 'conversation.handed_off', 'conversation.resolved', 'csat.received', 'nps.received', 'message.created'];

export async function webhooks(app, main, params) {
  document.title = 'Webhooks · Parley Admin';
  const list = h('div', { id: 'webhook-list' });
  const log = h('div', { id: 'delivery-log' });
  const url = h('input', { type: 'url', id: 'f-url', placeholder: 'https://example.com/parley-webhook', required: true });
  const events = h('div', { class: 'checks', role: 'group', 'aria-label': 'Events' },
    EVENTS.map(e => h('label', {}, h('input', { type: 'checkbox', value: e, checked: e !== 'message.created' }), e)));
  const created = h('div', { id: 'webhook-created', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'webhook-form', novalidate: true }, h('h2', {}, 'Add an endpoint'),
    h('div', { class: 'field' }, h('label', { for: 'f-url' }, 'URL'), url),
    h('div', { class: 'field' }, h('span', { class: 'label' }, 'Events'), events),
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'add-webhook' }, 'Add endpoint'), created);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const endpoint = await app.api.post('/api/insights/webhooks', {
        url: url.value.trim(), eventTypes: [...events.querySelectorAll('input:checked')].map(i => i.value) });
      fill(created, h('div', { class: 'banner info' }, h('p', {}, 'Endpoint added. Its signing secret (shown only now; verify the webhook-signature header with it):'),
        h('p', { class: 'secret', id: 'webhook-secret' }, endpoint.secret)));
      url.value = '';
      await load();
    } catch (e) {
      toast(e.message, 'error');
    }
  });
  fill(main, h('div', { class: 'page-head' }, h('h1', {}, 'Webhooks')),
    h('p', { class: 'subtle' }, 'Parley posts each event to every active endpoint that subscribed to it, signed (Standard Webhooks), with retries and backoff until it is accepted.'),
    form, list, log);

  let shown = params.get('endpoint');

  async function load() {
    const endpoints = await app.api.get('/api/insights/webhooks');
    fill(list, endpoints.length ? h('div', { class: 'table-wrap card' }, h('table', { id: 'webhook-table' },
      h('thead', {}, h('tr', {}, ['URL', 'Events', 'Status', 'Added', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, endpoints.map(e => row(e)))))
      : h('div', { class: 'card empty' }, 'No webhook endpoints yet.'));
    if (shown && endpoints.some(e => e.id === shown)) await deliveries(endpoints.find(e => e.id === shown));
    else fill(log);
  }

  function row(endpoint) {
    const actions = h('div', { class: 'checks' },
      h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'deliveries', onclick: () => deliveries(endpoint) }, 'Delivery log'),
      h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'test', disabled: !endpoint.active, onclick: () => sendTest(endpoint) }, 'Send test'),
      h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'toggle', onclick: () => toggle(endpoint) }, endpoint.active ? 'Pause' : 'Activate'),
      h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-action': 'delete', onclick: () => remove(endpoint) }, 'Delete'));
    return h('tr', { class: endpoint.active ? null : 'inactive', 'data-url': endpoint.url },
      h('td', {}, h('code', {}, endpoint.url)), h('td', {}, endpoint.eventTypes.join(', ')),
      h('td', {}, endpoint.active ? 'active' : 'paused'), h('td', {}, when(endpoint.createdAt)), h('td', {}, actions));
  }

  async function sendTest(endpoint) {
    try {
      await app.api.post(`/api/insights/webhooks/${id(endpoint.id)}/test`);
      toast('Test delivery queued; watch the delivery log.');
      await deliveries(endpoint);
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  async function toggle(endpoint) {
    await app.api.put(`/api/insights/webhooks/${id(endpoint.id)}`, { active: !endpoint.active });
    await load();
  }

  async function remove(endpoint) {
    if (!(await dialog({ title: 'Delete this endpoint?', danger: true, confirm: 'Delete', body: h('p', {}, endpoint.url) }))) return;
    await app.api.del(`/api/insights/webhooks/${id(endpoint.id)}`);
    if (shown === endpoint.id) shown = null;
    toast('Endpoint deleted.');
    await load();
  }

  async function deliveries(endpoint) {
    shown = endpoint.id;
    app.replaceHash(`#/webhooks${query({ endpoint: endpoint.id })}`);
    const items = await app.api.get(`/api/insights/webhooks/${id(endpoint.id)}/deliveries?limit=50`);
    const refresh = h('button', { type: 'button', class: 'btn btn-small', id: 'refresh-log', onclick: () => deliveries(endpoint) }, 'Refresh');
    fill(log, h('div', { class: 'card' }, h('div', { class: 'page-head' }, h('h2', {}, `Delivery log · ${endpoint.url}`), h('span', { class: 'spacer' }), refresh),
      items.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'delivery-table' },
        h('thead', {}, h('tr', {}, ['Event', 'Status', 'Attempts', 'Last answer', 'Created', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, items.map(d => h('tr', { 'data-event': d.eventType, 'data-status': d.status },
          h('td', {}, d.eventType), h('td', { class: `status-${d.status}` }, d.status), h('td', { class: 'num' }, String(d.attempts)),
          h('td', {}, d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastError || '—')), h('td', {}, when(d.createdAt)),
          h('td', {}, d.status === 'failed' ? h('button', { type: 'button', class: 'btn btn-small', onclick: async () => {
            await app.api.post(`/api/insights/webhooks/${id(endpoint.id)}/deliveries/${id(d.id)}/retry`);
            toast('Delivery queued again.');
            await deliveries(endpoint);
          } }, 'Retry') : null))))))
        : h('p', { class: 'subtle empty' }, 'Nothing delivered yet.')));
  }

  await load();
}

// The insights dashboard: the period's figures (GET /api/insights/metrics), charts per day or week
// (GET /api/insights/metrics/series, drawn with uPlot), hand-off reasons, NPS, content gaps and at-risk customers,
// filtered by period and locale; "Export CSV" downloads the series (GET /api/insights/metrics/series.csv).
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { query } from '../../common/api.js';
import { h, fill } from '../../common/dom.js';
import { toast } from '../../common/ui.js';
import { LANGUAGES } from '../../common/i18n.js';

const PERIODS = [['7', 'Last 7 days'], ['30', 'Last 30 days'], ['90', 'Last 90 days'], ['custom', 'Custom']];
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const COLORS = ['#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#ef4444'];

export async function insights(app, main, params) {
  document.title = 'Insights · Parley Admin';
  const state = {
    period: params.get('period') || '30', from: params.get('from') || '', to: params.get('to') || '',
    locale: params.get('locale') || '', bucket: params.get('bucket') || 'day',
  };
  const period = select('f-period', PERIODS, state.period);
  const from = h('input', { type: 'date', id: 'f-from', value: state.from });
  const to = h('input', { type: 'date', id: 'f-to', value: state.to });
  const custom = h('span', { class: 'custom-range', hidden: state.period !== 'custom' },
    h('label', { for: 'f-from', class: 'sr-only' }, 'From'), from, '–', h('label', { for: 'f-to', class: 'sr-only' }, 'To'), to);
  const locale = select('f-locale', [['', 'All locales'], ...LANGUAGES.map(l => [l, l])], state.locale);
  const bucket = select('f-bucket', [['day', 'Per day'], ['week', 'Per week']], state.bucket);
  const exportCsv = h('button', { type: 'button', class: 'btn', id: 'export-csv' }, 'Export CSV');
  const tiles = h('div', { class: 'tiles', id: 'tiles', 'aria-live': 'polite' });
  const charts = h('div', { class: 'charts' },
    chartCard('chart-conversations', 'Conversations and hand-offs'),
    chartCard('chart-bot', 'Bot resolution (confirmed and assumed)'),
    chartCard('chart-times', 'First response and resolution (median, minutes)'),
    chartCard('chart-satisfaction', 'CSAT (1–5) and NPS (−100…100)'));
  const reasons = h('div', { class: 'card', id: 'handoff-reasons' });
  const gaps = h('div', { class: 'card', id: 'content-gaps' });
  const atRisk = h('div', { class: 'card', id: 'at-risk' });
  fill(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Insights'), h('span', { class: 'spacer' }),
      h('label', { for: 'f-period', class: 'sr-only' }, 'Period'), period, custom,
      h('label', { for: 'f-locale', class: 'sr-only' }, 'Locale'), locale,
      h('label', { for: 'f-bucket', class: 'sr-only' }, 'Chart buckets'), bucket, exportCsv),
    tiles, charts, h('div', { class: 'columns' }, reasons, gaps), atRisk);

  function range() {
    if (state.period === 'custom') return { from: state.from, to: state.to };
    const days = Number(state.period);
    const end = new Date();
    const start = new Date(end.getTime() - (days - 1) * 86400000);
    return { from: isoDate(start), to: isoDate(end) };
  }

  async function load() {
    app.replaceHash(`#/insights${query({ period: state.period === '30' ? '' : state.period, from: state.period === 'custom' ? state.from : '',
      to: state.period === 'custom' ? state.to : '', locale: state.locale, bucket: state.bucket === 'day' ? '' : state.bucket })}`);
    const { from: f, to: t } = range();
    const filter = { from: f, to: t, locale: state.locale, zone: ZONE };
    const [report, series, nps] = await Promise.all([
      app.api.get(`/api/insights/metrics${query(filter)}`),
      app.api.get(`/api/insights/metrics/series${query({ ...filter, bucket: state.bucket })}`),
      app.api.get(`/api/insights/nps${query({ from: f, to: t, locale: state.locale })}`),
    ]);
    fill(tiles, tilesOf(report, nps));
    draw(charts, series);
    fill(reasons, h('h2', {}, 'Hand-off reasons'), reasonTable(report.handoffs));
    const [gapList, customers] = await Promise.all([
      app.api.get(`/api/insights/content-gaps${query({ status: 'open', locale: state.locale, limit: 5 })}`).catch(() => null),
      app.api.get(`/api/insights/customers/at-risk${query({ from: f, to: t, limit: 10 })}`).catch(() => null),
    ]);
    fill(gaps, h('h2', {}, 'Content gaps'), gapTable(gapList));
    fill(atRisk, h('h2', {}, 'At-risk customers'), riskTable(customers));
  }

  async function reload() {
    main.setAttribute('aria-busy', 'true');
    try {
      await load();
    } catch (e) {
      toast(`Could not load the figures: ${e.message}`, 'error');
    } finally {
      main.removeAttribute('aria-busy');
    }
  }

  period.addEventListener('change', () => {
    state.period = period.value;
    custom.hidden = state.period !== 'custom';
    if (state.period === 'custom' && (!state.from || !state.to)) {
      // start the custom range from the last 30 days
      state.to = isoDate(new Date());
      state.from = isoDate(new Date(Date.now() - 29 * 86400000));
      from.value = state.from;
      to.value = state.to;
    }
    if (state.period !== 'custom' || (state.from && state.to)) reload();
  });
  for (const input of [from, to]) {
    input.addEventListener('change', () => {
      state.from = from.value;
      state.to = to.value;
      if (state.from && state.to) reload();
    });
  }
  locale.addEventListener('change', () => { state.locale = locale.value; reload(); });
  bucket.addEventListener('change', () => { state.bucket = bucket.value; reload(); });
  exportCsv.addEventListener('click', async () => {
    const { from: f, to: t } = range();
    const url = `/api/insights/metrics/series.csv${query({ from: f, to: t, locale: state.locale, zone: ZONE, bucket: state.bucket })}`;
    try {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${app.session.token}` } });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      const blob = await response.blob();
      const link = h('a', { href: URL.createObjectURL(blob), download: `parley-insights-${f}-${t}.csv`, id: 'csv-link' });
      document.body.append(link);
      link.click();
      setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      toast('The CSV file is downloading.');
    } catch (e) {
      toast(`Could not export: ${e.message}`, 'error');
    }
  });
  await load();
}

function select(id, options, value) {
  const s = h('select', { id }, options.map(([v, label]) => h('option', { value: v }, label)));
  s.value = value;
  return s;
}

function chartCard(id, title) {
  return h('figure', { class: 'card chart' }, h('figcaption', {}, title), h('div', { id, class: 'plot' }));
}

function isoDate(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const percent = v => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10} %`);
const fixed = (v, digits = 1) => (v === null || v === undefined ? '—' : v.toFixed(digits));

/** 95 → "1.6 min", 7200 → "2.0 h" */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function tilesOf(r, nps) {
  const tile = (id, label, value, detail) => h('div', { class: 'tile', id },
    h('span', { class: 'label' }, label), h('b', {}, value), h('span', { class: 'detail' }, detail || ''));
  return [
    tile('t-conversations', 'Conversations', String(r.conversations.started), `${r.conversations.botInvolved} with the bot`),
    tile('t-bot', 'Bot resolution', percent(r.botResolution.rate),
      `${r.botResolution.confirmed} confirmed · ${r.botResolution.assumed} assumed`),
    tile('t-handoff', 'Hand-off rate', percent(r.handoffs.rate), `${r.handoffs.conversations} conversations`),
    tile('t-first-response', 'First response', duration(r.firstResponse.medianSeconds), `median · p90 ${duration(r.firstResponse.p90Seconds)}`),
    tile('t-resolution', 'Resolution', duration(r.resolution.medianSeconds), `median · p90 ${duration(r.resolution.p90Seconds)}`),
    tile('t-csat', 'CSAT', fixed(r.csat.average), `${r.csat.count} ratings`),
    tile('t-nps', 'NPS', nps.score === null || nps.score === undefined ? '—' : String(Math.round(nps.score)),
      `${nps.responses} answers · ${nps.promoters} promoters · ${nps.detractors} detractors`),
  ];
}

const plots = new Map();

function draw(container, series) {
  const xs = series.points.map(p => Date.parse(`${p.start}T00:00:00Z`) / 1000);
  const minutes = v => (v === null ? null : v / 60);
  const sets = {
    'chart-conversations': [['Conversations', series.points.map(p => p.conversations)], ['Hand-offs', series.points.map(p => p.handoffs)]],
    'chart-bot': [['Confirmed', series.points.map(p => p.botResolvedConfirmed)], ['Assumed', series.points.map(p => p.botResolvedAssumed)],
      ['Bot involved', series.points.map(p => p.botInvolved)]],
    'chart-times': [['First response', series.points.map(p => minutes(p.firstResponseMedianSeconds))],
      ['Resolution', series.points.map(p => minutes(p.resolutionMedianSeconds))]],
    'chart-satisfaction': [['CSAT', series.points.map(p => p.csatAverage)], ['NPS', series.points.map(p => p.npsScore)]],
  };
  for (const [id, lines] of Object.entries(sets)) {
    const target = container.querySelector(`#${id}`);
    plots.get(id)?.destroy();
    const dual = id === 'chart-satisfaction';
    const options = {
      width: Math.max(280, target.clientWidth || 520), height: 220, scales: { x: { time: true, utc: true }, ...(dual ? { nps: { range: [-100, 100] }, y: { range: [1, 5] } } : {}) },
      series: [{}, ...lines.map(([label], i) => ({ label, stroke: COLORS[i], width: 2, points: { show: xs.length < 40 },
        ...(dual && i === 1 ? { scale: 'nps' } : {}) }))],
      axes: [{}, {}, ...(dual ? [{ scale: 'nps', side: 1, grid: { show: false } }] : [])],
    };
    plots.set(id, new uPlot(options, [xs, ...lines.map(([, values]) => values)], target));
    target.dataset.points = String(xs.length);
    target.dataset.total = String(lines[0][1].reduce((sum, v) => sum + (v || 0), 0));
  }
}

function table(headers, rows, empty) {
  if (!rows || !rows.length) return h('p', { class: 'subtle empty' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, headers.map(([label, num]) => h('th', { class: num ? 'num' : null, scope: 'col' }, label)))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map((c, i) => h('td', { class: headers[i][1] ? 'num' : null }, c)))))));
}

function reasonTable(handoffs) {
  return table([['Reason'], ['Hand-offs', true], ['Of conversations', true]],
    handoffs.byReason.map(r => [r.reason.replaceAll('_', ' '), String(r.count), percent(r.rate)]), 'No hand-offs in this period.');
}

function gapTable(groups) {
  if (groups === null) return h('p', { class: 'subtle' }, 'Content gaps could not be loaded.');
  return h('div', {}, table([['Question'], ['Asked', true]], groups.map(g => [h('span', { dir: 'auto' }, g.title), String(g.count)]),
    'No open content gaps.'), h('p', {}, h('a', { href: '/writer#/gaps' }, 'Work the list in the writer pages →')));
}

function riskTable(customers) {
  if (customers === null) return h('p', { class: 'subtle' }, 'At-risk customers could not be loaded.');
  return table([['Customer'], ['Company'], ['Conversations', true], ['Unresolved tickets', true], ['CSAT', true], ['Risk', true]],
    customers.map(c => [c.name || c.email || c.customerId, c.company || '—', String(c.conversations), String(c.unresolvedTickets),
      fixed(c.csat && c.csat.average), c.riskScore.toFixed(1)]), 'No customer is at risk in this period.');
}

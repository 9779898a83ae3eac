// The decision's calibration (GET /api/assistant/calibration): per language, the probability from which the bot
// answers, and whether it was fitted on this knowledge base's own probe questions or is the shipped prior.
import { h, fill } from './dom.js';

export function calibrationPanel(app) {
  const body = h('div', { id: 'calibration-body' }, h('p', { class: 'subtle' }, 'Loading…'));
  const panel = h('section', { class: 'card', id: 'calibration', 'aria-labelledby': 'calibration-title' },
    h('h2', { id: 'calibration-title' }, 'How sure the bot must be'), body);
  app.api.get('/api/assistant/calibration').then(c => fill(body, render(c)))
    .catch(e => fill(body, h('p', { class: 'subtle' }, `Calibration unavailable: ${e.message}`)));
  return panel;
}

function render(c) {
  const last = c.lastFit;
  const intro = h('p', { class: 'subtle' },
    `Target: ${pct(c.targetPrecision)} of answers right. `,
    last ? `Last refit ${new Date(last.at).toLocaleString()}: ${last.probes} probe questions from ${last.articles} articles in ${last.tookMillis} ms.`
      : 'Not refitted since start; the stored calibration or the prior applies.',
    c.refitPending ? ' A refit is scheduled.' : '');
  if (!c.locales.length) {
    return h('div', {}, intro, h('p', { class: 'subtle', id: 'calibration-prior' },
      `Prior for every language: answers from p ≥ ${fmt(c.prior.vectorThreshold)} (with vectors), ${fmt(c.prior.lexicalThreshold)} (words only).`));
  }
  return h('div', {}, intro, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Language', 'Evidence', 'Fitted on', 'Answers from', 'Probes', 'Right on probes', 'Probes answered']
      .map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, c.locales.map(l => h('tr', { 'data-locale': l.locale, 'data-family': l.family },
      h('td', {}, l.locale), h('td', {}, l.family === 'vector' ? 'vectors + words' : 'words only'),
      h('td', {}, l.source === 'self' ? 'this knowledge base' : 'prior (too few articles)'),
      h('td', { class: 'num' }, l.threshold == null ? 'never (probes too unsure)' : `p ≥ ${fmt(l.threshold)}`),
      h('td', { class: 'num' }, l.probes),
      h('td', { class: 'num' }, l.probePrecision == null ? '—' : pct(l.probePrecision)),
      h('td', { class: 'num' }, l.probeAnswered == null ? '—' : pct(l.probeAnswered))))))));
}

function fmt(n) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(2) : 'never';
}

function pct(n) {
  return `${Math.round(n * 100)}%`;
}

// UI helpers of the staff pages (writer, admin): relative times, toasts, modal dialogs, problem+json field errors.
// Text always goes in as text nodes (common/dom.js h()); only sanitised Markdown becomes HTML.
import { h } from './dom.js';

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", with the exact time in a title. */
export function when(iso) {
  if (!iso) return h('span', {}, '—');
  const date = new Date(iso);
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
  let value = seconds;
  let unit = 'second';
  for (const [size, name] of steps) {
    unit = name;
    if (Math.abs(value) < size) break;
    value = Math.round(value / size);
  }
  return h('time', { datetime: iso, title: date.toLocaleString() }, Math.abs(seconds) < 45 ? 'just now' : RELATIVE.format(value, unit));
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const item = h('div', { class: `toast ${kind}` }, message);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 7000 : 4000);
}

/**
 * A modal dialog (native <dialog>: focus is trapped, Escape cancels). Resolves true when confirmed.
 * @param {{title: string, body?: Node|string, confirm?: string, danger?: boolean, cancel?: string|null}} options
 */
export function dialog({ title, body, confirm = 'OK', danger = false, cancel = 'Cancel' }) {
  return new Promise(resolve => {
    const id = `dlg-${Math.random().toString(36).slice(2)}`;
    const ok = h('button', { type: 'button', class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, 'data-action': 'confirm' }, confirm);
    const no = cancel ? h('button', { type: 'button', class: 'btn', 'data-action': 'cancel' }, cancel) : null;
    const dlg = h('dialog', { 'aria-labelledby': id },
      h('div', { class: 'dialog-body' }, h('h2', { id }, title), body ?? ''),
      h('div', { class: 'dialog-actions' }, no, ok));
    let result = false;
    ok.addEventListener('click', () => { result = true; dlg.close(); });
    no?.addEventListener('click', () => dlg.close());
    dlg.addEventListener('close', () => { dlg.remove(); resolve(result); });
    document.body.append(dlg);
    dlg.showModal();
    (no || ok).focus();
  });
}

/** Shows problem+json field errors next to their inputs (ids "f-<field>") and returns the ones without an input. */
export function showFieldErrors(form, fields) {
  clearFieldErrors(form);
  const unplaced = {};
  let first = null;
  for (const [field, message] of Object.entries(fields || {})) {
    const input = form.querySelector(`#f-${CSS.escape(field)}`);
    if (!input) {
      unplaced[field] = message;
      continue;
    }
    const errorId = `err-${field}`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.dataset.hint, errorId].filter(Boolean).join(' '));
    input.closest('.field').append(h('p', { class: 'field-error', id: errorId }, `${label(input)} ${message}`));
    first = first || input;
  }
  first?.focus();
  return unplaced;
}

export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach(input => {
    input.removeAttribute('aria-invalid');
    if (input.dataset.hint) input.setAttribute('aria-describedby', input.dataset.hint);
    else input.removeAttribute('aria-describedby');
  });
}

function label(input) {
  const l = input.labels && input.labels[0];
  return l ? (l.dataset.name || l.textContent.trim()) : input.name;
}

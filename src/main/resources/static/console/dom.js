// The console's formatting helpers (times, names, codes); the element helpers are the shared ones (common/dom.js):
// elements are built with properties and text nodes only, and the one place HTML is parsed is Markdown.

export { h, append, fill, safeUrl, isObject } from '../common/dom.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function time(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  return sameDay(date, new Date()) ? timeFormat.format(date) : dateTimeFormat.format(date);
}

export function dateTime(iso) {
  const date = iso ? new Date(iso) : null;
  return !date || Number.isNaN(date.getTime()) ? '' : dateTimeFormat.format(date);
}

/** "just now", "4 min", "2 h", "3 d" since {@code iso}. */
export function ago(iso) {
  const date = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(date)) return '';
  const seconds = Math.max(0, (Date.now() - date) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "missing_knowledge" → "Missing knowledge" */
export function humanize(code) {
  if (code === null || code === undefined || code === '') return '';
  const text = String(code).replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function initials(name) {
  const parts = String(name || '?').trim().split(/\s+/).filter(Boolean);
  return ((parts[0] || '?').charAt(0) + (parts.length > 1 ? parts[parts.length - 1].charAt(0) : '')).toUpperCase();
}

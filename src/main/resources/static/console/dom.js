// DOM helpers: elements are built with properties and textContent only. The one place HTML is parsed is Markdown,
// through marked + DOMPurify (markdown.js of the widget, shared).

/** h('button', {className: 'x', type: 'button', onclick}, 'text', child) */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        element.addEventListener(key.slice(2), value);
      } else if (['className', 'textContent', 'value', 'disabled', 'type', 'checked', 'selected', 'hidden'].includes(key)) {
        element[key] = value;
      } else if (key === 'dataset') {
        for (const [name, v] of Object.entries(value)) {
          if (v !== undefined && v !== null) element.dataset[name] = String(v);
        }
      } else {
        element.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
  return element;
}

/** Replaces the children of {@code element}. */
export function fill(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/** Only http(s) and mailto links are followed; anything else (javascript:, data:) yields null. */
export function safeUrl(value) {
  if (typeof value !== 'string' || !value.trim()) return null;
  try {
    const url = new URL(value, location.origin);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.toString() : null;
  } catch {
    return null;
  }
}

export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

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

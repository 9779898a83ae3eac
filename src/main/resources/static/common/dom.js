// DOM helpers shared by the widget, the console and the writer pages: elements are built with properties and text
// nodes only — never innerHTML. The one place HTML is parsed is Markdown (markdown.js: marked + DOMPurify).

// set as properties (their attribute form means something else, or nothing, once the element is live)
const PROPERTIES = new Set(['className', 'textContent', 'value', 'disabled', 'type', 'checked', 'selected', 'hidden', 'tabIndex']);

/** h('button', {className: 'x', type: 'button', onclick}, 'text', child) */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        element.addEventListener(key.slice(2), value);
      } else if (PROPERTIES.has(key)) {
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
  return append(element, children);
}

/** Appends children: nodes as they are, strings and numbers as text; null, undefined and false are skipped. */
export function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(element, child);
    } else if (typeof child === 'object' && typeof child.nodeType === 'number') {
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
export function safeUrl(value, base = globalThis.location ? globalThis.location.origin : undefined) {
  if (typeof value !== 'string' || !value.trim()) return null;
  try {
    const url = new URL(value, base);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.toString() : null;
  } catch {
    return null;
  }
}

export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// A small stand-in for the browser's document, enough for the renderers (common/dom.js builds with createElement,
// properties, attributes, dataset, classList and text nodes; icons use createElementNS). Installed as the global
// `document`. Not a DOM: no layout, no parsing, no selectors beyond a class name.

class FakeNode {
  constructor(nodeType) {
    this.nodeType = nodeType;
    this.childNodes = [];
    this.parentNode = null;
  }

  appendChild(child) {
    if (child.nodeType === 11) {
      [...child.childNodes].forEach(c => this.appendChild(c));
      return child;
    }
    if (child.parentNode) child.parentNode.childNodes.splice(child.parentNode.childNodes.indexOf(child), 1);
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }

  append(...children) {
    children.forEach(c => this.appendChild(typeof c === 'string' ? new FakeText(c) : c));
  }

  replaceChildren(...children) {
    this.childNodes.forEach(c => { c.parentNode = null; });
    this.childNodes = [];
    this.append(...children);
  }

  remove() {
    if (this.parentNode) this.parentNode.childNodes.splice(this.parentNode.childNodes.indexOf(this), 1);
    this.parentNode = null;
  }

  get textContent() {
    return this.childNodes.map(c => c.textContent).join('');
  }

  set textContent(value) {
    this.replaceChildren(...(value === '' || value == null ? [] : [new FakeText(String(value))]));
  }
}

class FakeText extends FakeNode {
  constructor(text) {
    super(3);
    this.data = text;
  }

  get textContent() { return this.data; }
}

class FakeElement extends FakeNode {
  constructor(tagName) {
    super(1);
    this.tagName = tagName.toUpperCase();
    this.attributes = new Map();
    this.dataset = {};
    this.listeners = {};
    this.className = '';
    const element = this;
    this.classList = {
      add: (...names) => { element.className = [...new Set([...element.classes(), ...names])].join(' '); },
      contains: name => element.classes().includes(name),
    };
  }

  classes() { return String(this.className).split(/\s+/).filter(Boolean); }

  setAttribute(name, value) { this.attributes.set(name, String(value)); }
  getAttribute(name) { return this.attributes.has(name) ? this.attributes.get(name) : null; }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }

  get children() { return this.childNodes.filter(c => c.nodeType === 1); }

  /** Descendants in document order. */
  *descendants() {
    for (const child of this.children) {
      yield child;
      yield* child.descendants();
    }
  }

  /** Only `.class` and `tag` selectors. */
  querySelectorAll(selector) {
    const match = selector.startsWith('.') ? e => e.classList.contains(selector.slice(1))
      : e => e.tagName === selector.toUpperCase();
    return [...this.descendants()].filter(match);
  }

  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }
}

class FakeFragment extends FakeNode {
  constructor() { super(11); }
}

export function installFakeDocument() {
  const head = new FakeElement('head');
  const body = new FakeElement('body');
  globalThis.document = {
    head,
    body,
    createElement: tag => new FakeElement(tag),
    createElementNS: (ns, tag) => new FakeElement(tag),
    createTextNode: text => new FakeText(text),
    createDocumentFragment: () => new FakeFragment(),
    getElementById: () => null,
  };
  return globalThis.document;
}

// Markdown for support-side messages: marked turns it into HTML, DOMPurify sanitises it into a DOM fragment.
// Nothing else in the widget parses HTML.

export function createMarkdown(marked, DOMPurify) {
  const purify = DOMPurify.sanitize ? DOMPurify : DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', node => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  const options = { gfm: true, breaks: true, async: false };
  return text => purify.sanitize(marked.parse(String(text ?? ''), options), {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
    FORBID_ATTR: ['style'],
  });
}

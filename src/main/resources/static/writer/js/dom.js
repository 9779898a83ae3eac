// DOM helpers of the writer pages: the shared element helpers (common/dom.js) and the staff pages' UI helpers
// (common/ui.js: toasts, dialogs, field errors, relative times).
export { h, fill } from '../../common/dom.js';
export { isRtl } from '../../common/i18n.js';
export { when, toast, dialog, showFieldErrors, clearFieldErrors } from '../../common/ui.js';

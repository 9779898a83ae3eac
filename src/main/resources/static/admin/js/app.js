// The admin pages: sign-in (ADMIN role), then insights, staff, teams, saved replies, sensitive topics, webhooks and
// identity verification, routed by URL fragment (#/insights, #/staff, ...). Same stack as the writer pages: plain ES
// modules, the shared shell (sign-in, router) and plumbing in common/, no build step.
import { Client } from '../../common/api.js';
import { createShell } from '../../common/staff-shell.js';
import { insights } from './insights.js';
import { staff } from './staff.js';
import { teams } from './teams.js';
import { savedReplies } from './saved-replies.js';
import { sensitiveTopics } from './sensitive-topics.js';
import { webhooks } from './webhooks.js';
import { identity } from './identity.js';

const main = document.getElementById('main');
const sections = { insights, staff, teams, 'saved-replies': savedReplies, 'sensitive-topics': sensitiveTopics, webhooks, identity };

const app = createShell({
  name: 'Admin',
  role: 'ADMIN',
  home: '#/insights',
  routes: Object.entries(sections).map(([section, view]) => ({
    pattern: new RegExp(`^#/${section}$`), section, render: params => view(app, main, params),
  })),
});
/** Changes the URL of the current view without leaving it (filters). */
app.replaceHash = hash => history.replaceState(null, '', hash);
app.api = new Client({
  token: () => app.session && app.session.token,
  unauthorized: () => { app.signOut('Your session has expired. Please sign in again.'); return false; },
});

window.addEventListener('hashchange', () => app.route());
app.route();

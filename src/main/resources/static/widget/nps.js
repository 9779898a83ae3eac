// The NPS survey card (payload kind "nps", posted by the server as a system message when a survey is offered):
// 0–10 buttons, an open question, and a submit that answers over REST (POST /api/widget/nps/{surveyId}).
// Self-contained but for its texts (the nps_* keys of the widget's bundle): the widget only hands it a payload.

import { h } from '../common/dom.js';


const STYLE = `
.nps .nps-scale { display: grid; grid-template-columns: repeat(11, 1fr); gap: 3px; margin-block: 6px; }
.nps .nps-score { padding: 5px 0; border: 1px solid var(--line, #d1d5db); border-radius: 6px; background: #fff;
  cursor: pointer; font: inherit; font-size: 12px; }
.nps .nps-score[aria-checked="true"] { background: var(--accent, #4f46e5); color: #fff; border-color: transparent; }
.nps .nps-ends { display: flex; justify-content: space-between; font-size: 11px; opacity: .75; }
.nps textarea { width: 100%; box-sizing: border-box; margin-block: 6px; min-height: 48px; font: inherit; resize: vertical; }
.nps .nps-error { color: #b91c1c; font-size: 12px; }`;

// survey id -> {answered, score, comment}: the answer or the draft survives re-rendering the message (the widget
// redraws a message when newer ones arrive); filled from the server on first sight
const known = new Map();
// survey id -> shows "thanks" on the card currently on screen for it
const live = new Map();

/** The survey was answered (here, on another device, or the server says so): every card for it shows thanks. */
export function markNpsAnswered(surveyId) {
  if (typeof surveyId !== 'string') return;
  known.set(surveyId, { ...(known.get(surveyId) || {}), answered: true, checked: true });
  const show = live.get(surveyId);
  if (show) show();
}

/**
 * @param {object} payload the message payload ({kind: 'nps', surveyId})
 * @param {object} options t (the widget's translator), api (the widget's Api: call(method, path, body))
 * @returns {HTMLElement|null} the card, or null for a payload without a survey id
 */
export function npsCard(payload, options) {
  const surveyId = typeof payload.surveyId === 'string' ? payload.surveyId : null;
  if (!surveyId) return null;
  const t = options.t;
  const card = h('div', { className: 'card nps', role: 'group', 'aria-label': t('nps_question'), dataset: { surveyId } });
  const path = `/api/widget/nps/${encodeURIComponent(surveyId)}`;

  const state = known.get(surveyId) || { answered: false };
  known.set(surveyId, state);
  const thanks = () => {
    // the server's "thank you" message follows in the thread; the card only keeps the answer
    const score = (known.get(surveyId) || {}).score;
    card.replaceChildren(h('style', null, STYLE), h('div', { className: 'nps-thanks', role: 'status' },
      Number.isInteger(score) ? t('nps_answered', { n: score }) : t('nps_thanks')));
  };

  const form = () => {
    let score = Number.isInteger(state.score) ? state.score : null;
    const buttons = [];
    const submit = h('button', { type: 'submit', className: 'primary small', disabled: score === null }, t('nps_submit'));
    const comment = h('textarea', {
      className: 'nps-comment', maxlength: '2000', 'aria-label': t('nps_reason'), placeholder: t('nps_reason'),
      value: state.comment || '', oninput: () => { state.comment = comment.value; },
    });
    const error = h('div', { className: 'nps-error', role: 'alert' });
    for (let n = 0; n <= 10; n++) {
      buttons.push(h('button', {
        type: 'button', className: 'nps-score', role: 'radio', 'aria-checked': String(n === score), 'aria-label': t('nps_score', { n }),
        dataset: { score: String(n) },
        onclick: () => {
          score = n;
          state.score = n;
          buttons.forEach((b, i) => b.setAttribute('aria-checked', String(i === n)));
          submit.disabled = false;
        },
      }, String(n)));
    }
    const element = h('form', {
      className: 'nps-form',
      onsubmit: async event => {
        event.preventDefault();
        if (score === null) return;
        submit.disabled = true;
        error.textContent = '';
        try {
          await options.api.call('POST', path, { score, comment: comment.value.trim() || null });
          state.score = score;
          markNpsAnswered(surveyId);
          thanks();
        } catch (e) {
          if (e && e.code === 'nps_already_answered') {
            markNpsAnswered(surveyId);
            thanks();
          } else {
            error.textContent = t('nps_failed');
            submit.disabled = false;
          }
        }
      },
    },
    h('div', { className: 'nps-scale', role: 'radiogroup', 'aria-label': t('nps_question') }, buttons),
    h('div', { className: 'nps-ends' }, h('span', null, t('nps_low')), h('span', null, t('nps_high'))),
    comment, error, submit);
    card.replaceChildren(h('style', null, STYLE), element);
  };

  live.set(surveyId, thanks);
  if (state.answered) {
    thanks();
  } else {
    form();
    if (!state.checked) {
      state.checked = true;
      // a survey answered earlier (another device, a reload) shows as done
      options.api.call('GET', path).then(view => {
        if (view && view.answered) {
          state.score = view.score;
          markNpsAnswered(surveyId);
        }
      }).catch(() => {});
    }
  }
  return card;
}

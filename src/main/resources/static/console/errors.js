// Turns a refusal (REST problem, STOMP error on /user/queue/errors, or STOMP ERROR frame) into a short title and
// the server's reason. Known codes get a title an agent understands at a glance; the reason is always shown.

const TITLES = {
  already_claimed: 'Claim refused',
  claim_lost: 'Claim refused',
  claim_refused: 'Claim refused',
  conversation_claimed: 'Claim refused',
  conversation_assigned: 'Someone else owns this conversation',
  not_assignee: 'Someone else owns this conversation',
  not_your_conversation: 'Someone else owns this conversation',
  not_assigned_to_you: 'Someone else owns this conversation',
  transition_refused: 'Not possible right now',
  illegal_transition: 'Not possible right now',
  handoff_transition_refused: 'Not possible right now',
  agent_unavailable: 'Transfer refused',
  agent_at_capacity: 'Transfer refused',
  transfer_refused: 'Transfer refused',
  conversation_forbidden: 'Access refused',
  conversation_not_found: 'Conversation not found',
  command_forbidden: 'Command refused',
  destination_forbidden: 'Command refused',
  message_empty: 'Nothing to send',
  message_too_long: 'Message too long',
  malformed_payload: 'Command refused',
  unauthorized: 'Signed out',
  forbidden: 'Not allowed',
  validation_failed: 'Invalid input',
  internal_error: 'Server error',
  unavailable: 'Server busy — try again in a moment',
};

export function describeError(error) {
  if (!error) return { title: 'Error', text: 'Something went wrong.' };
  if (error.title && error.text) return error;
  const code = error.code || (error.problem && error.problem.code) || '';
  const reason = error.reason || error.message || (error.problem && (error.problem.detail || error.problem.title)) || 'Something went wrong.';
  let title = TITLES[code];
  if (!title && /claim/.test(code)) title = 'Claim refused';
  if (!title && /transfer/.test(code)) title = 'Transfer refused';
  if (!title) title = error.status ? `Request failed (${error.status})` : 'Refused';
  return { title, text: reason, code, destination: error.destination };
}

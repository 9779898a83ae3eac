// Reading a conversation's messages after a seq (GET ...?after=seq, {messages, hasMore}), page by page, and the
// catch-up after a reconnect or a gap: one fetch at a time, and one more if asked for while one was running.

const MAX_PAGES = 50;

/**
 * Every item after {@code after}, following hasMore page by page.
 * @param {(cursor: number) => Promise<{messages: object[], hasMore: boolean}>} page one page after a cursor
 */
export async function messagesAfter(page, after = 0) {
  const messages = [];
  let cursor = after;
  for (let n = 0; n < MAX_PAGES; n++) {
    const result = await page(cursor);
    const batch = (result && result.messages) || [];
    messages.push(...batch);
    if (!result || !result.hasMore || batch.length === 0) break;
    cursor = batch[batch.length - 1].seq;
  }
  return messages;
}

/**
 * Runs {@code fetchAndApply} with no two runs at once; a request while one runs makes it run once more afterwards
 * (what arrived during the first fetch is then read too).
 */
export function singleFlight(fetchAndApply) {
  let running = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await fetchAndApply();
      } while (again);
    })().finally(() => { running = null; });
    return running;
  };
}

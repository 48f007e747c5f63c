// Waiting until typing pauses, and keeping only the newest answer. Nothing here touches the DOM:
// Node's test runner loads this file (src/test/js).

/**
 * fn called once, waitMs after the last call, with that call's arguments. The returned function has
 * cancel() (nothing pending runs) and flush() (what is pending runs now). timers: the clock's
 * setTimeout and clearTimeout (a test gives a clock of its own).
 */
export function debounce(fn, waitMs, { setTimeout = globalThis.setTimeout, clearTimeout = globalThis.clearTimeout } = {}) {
  let timer = null;
  let pending = null;
  const run = () => {
    timer = null;
    const args = pending;
    pending = null;
    fn(...args);
  };
  const debounced = (...args) => {
    pending = args;
    clearTimeout(timer);
    timer = setTimeout(run, waitMs);
  };
  debounced.cancel = () => {
    clearTimeout(timer);
    timer = null;
    pending = null;
  };
  debounced.flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    run();
  };
  return debounced;
}

/**
 * Wraps an async call so that only the answer to the newest call is delivered: onAnswer(value) or
 * onError(error) for it, nothing for a call overtaken by a later one (answers can arrive out of order).
 */
export function latestOnly(call, { onAnswer, onError }) {
  let newest = 0;
  return async (...args) => {
    const mine = ++newest;
    try {
      const value = await call(...args);
      if (mine === newest) onAnswer(value);
    } catch (error) {
      if (mine === newest) onError(error);
    }
  };
}

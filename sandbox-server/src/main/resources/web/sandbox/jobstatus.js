// A job's status as the page reads it: ended or not, and its label on a badge. Nothing here touches
// the DOM: Node's test runner loads this file (src/test/js).

const LABELS = { idle: 'Idle', queued: 'Queued', running: 'Running', success: 'Success', failed: 'Failed', cancelled: 'Cancelled', timed_out: 'Timed out' };

/** A status the job keeps for good: it ran and ended one way or another. */
export function isFinal(status) {
  return ['success', 'failed', 'cancelled', 'timed_out'].includes(status);
}

/** A job that may still be cancelled: waiting for a slot or running. */
export function isActive(status) {
  return status === 'queued' || status === 'running';
}

/** "Timed out" for timed_out; a status the page does not know as it came. */
export function statusLabel(status) {
  return LABELS[status] || status;
}

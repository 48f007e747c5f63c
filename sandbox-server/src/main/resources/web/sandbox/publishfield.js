// The "Publish outputs as" field of the run dialog and the schedule dialog: a data source name, checked
// as it is typed as the server checks it (dataname.js), and the server's 400 about the name sent, shown
// under the field until the name is changed. Empty publishes nothing.
import { nameProblem, refusesName } from './dataname.js';

export class PublishAsField {
  constructor(input, error) {
    this.input = input;
    this.error = error;
    this.refused = null; // { name, message }: the server's word on the name sent
  }

  /** Fills the field (a job's or a schedule's publishAs; empty for none) and forgets a refusal. */
  set(value) {
    this.input.value = value || '';
    this.refused = null;
  }

  /** The name as it is sent: trimmed, '' for none. */
  value() {
    return this.input.value.trim();
  }

  /** Shows what is wrong with the name under the field and returns it; null when it may be sent. */
  check() {
    const name = this.value();
    const problem = nameProblem(name) || (this.refused && this.refused.name === name ? this.refused.message : null);
    this.error.hidden = !problem;
    this.error.textContent = problem || '';
    this.input.setAttribute('aria-invalid', String(Boolean(problem)));
    return problem;
  }

  /** Takes a refused request's error: true when it is about the name sent (shown under the field at the next check). */
  refusedWith(error, sent) {
    if (!refusesName(error && error.message, sent)) return false;
    this.refused = { name: sent, message: error.message };
    return true;
  }
}

// The options of the Results card's job pickers, as [value, label] pairs (jobpicker.js draws them).
// Nothing here touches the DOM: Node's test runner loads this file (src/test/js).

/** "DMO · sample_dmo_model.py · success · <local time>", "⏱ " first for a job a schedule started; only the id for a job not listed. */
export function jobLabel(job) {
  if (!job.modelType) return job.jobId;
  const when = job.startedAt || job.createdAt;
  return (job.scheduleId ? '⏱ ' : '') + [job.modelType, job.modelName || job.jobId, job.status, when ? new Date(when).toLocaleString() : '']
    .filter(Boolean).join(' · ');
}

/**
 * The empty choice, then the listed jobs (newest first); a selected job older than the list gets an
 * option of its own at the top.
 */
export function jobOptions(listed, value, emptyLabel) {
  const jobs = value && !listed.some((job) => job.jobId === value) ? [{ jobId: value }, ...listed] : listed;
  return [['', emptyLabel], ...jobs.map((job) => [job.jobId, jobLabel(job)])];
}

// The badge of a job a schedule started ("⏱ morning DMO", the fire time it ran for as its title), in
// the Testing tab's history and job detail and in the Results card. The schedules' names come from the
// Schedules card's list; a badge drawn before that list is in (or for a schedule made since) asks for
// it once and fills in its name when the answer comes.
import { api } from './api.js';
import { scheduleNote } from './scheduletime.js';

const RELOAD_GAP_MS = 5000; // a job of a deleted schedule asks at most this often

let known = new Map(); // schedule id -> schedule
let loading = null;
let loadedAt = 0;

/** The schedules as the Schedules card last read them. */
export function rememberSchedules(schedules) {
  known = new Map(schedules.map((s) => [s.id, s]));
  loadedAt = Date.now();
}

function load() {
  if (!loading && Date.now() - loadedAt > RELOAD_GAP_MS) {
    loading = api.schedules()
      .then((answer) => rememberSchedules(answer.schedules || []))
      .catch(() => {})
      .finally(() => { loading = null; });
  }
  return loading || Promise.resolve();
}

/** A badge for the job when a schedule started it, else null. */
export function scheduleBadge(job) {
  if (!job || !job.scheduleId) return null;
  const badge = document.createElement('span');
  badge.className = 'badge schedule';
  badge.dataset.role = 'schedule';
  badge.dataset.schedule = job.scheduleId;
  const fill = () => {
    const { text, title } = scheduleNote(job, known.get(job.scheduleId) || null);
    badge.textContent = text;
    badge.title = title;
  };
  fill();
  if (!known.has(job.scheduleId)) load().then(fill);
  return badge;
}

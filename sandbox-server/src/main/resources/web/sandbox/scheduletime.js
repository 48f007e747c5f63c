// A schedule's times as the page writes them: a fire time in the schedule's own zone with its offset
// ("Tue 2026-12-08 06:00 +01:00"), how far away it is ("in 5 h 12 min"), and when the schedule fires
// ("0 6 * * * · Europe/Berlin", "after morning DMO"). Nothing here touches the DOM: Node's test runner
// loads this file (src/test/js).

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A fire time as the server writes it (2026-12-08T06:00+01:00, the zone's wall time and offset) read
 * as it stands, whatever the browser's zone: "Tue 2026-12-08 06:00 +01:00"; seconds only when not
 * zero (a 6-field cron); Z as +00:00. Text it cannot read comes back as it was.
 */
export function fireTime(iso) {
  const parts = ISO.exec(String(iso ?? ''));
  if (!parts) return String(iso ?? '');
  const [, year, month, day, hour, minute, second, offset] = parts;
  const weekday = DAYS[new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay()];
  const seconds = second && second !== '00' ? `:${second}` : '';
  return `${weekday} ${year}-${month}-${day} ${hour}:${minute}${seconds} ${offset === 'Z' ? '+00:00' : offset}`;
}

/**
 * An instant (2026-12-08T05:00:00Z, as job times are written) as the wall time and offset of an IANA
 * zone: 2026-12-08T06:00:00+01:00 for Europe/Berlin. The instant as it was when the zone is unknown.
 */
export function inZone(instant, zone) {
  const date = new Date(instant);
  if (!instant || Number.isNaN(date.getTime())) return String(instant ?? '');
  let format;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone || 'UTC', timeZoneName: 'longOffset', hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch {
    return String(instant);
  }
  const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  const offset = part.timeZoneName === 'GMT' ? '+00:00' : part.timeZoneName.replace('GMT', '');
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${offset}`;
}

/** How far a time is from now: "in 42 s", "in 12 min", "in 5 h 12 min", "in 3 days", "4 min ago", "now". */
export function relativeTime(iso, now = Date.now()) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((at - now) / 1000);
  const span = spanOf(Math.abs(seconds));
  if (!span) return 'now';
  return seconds > 0 ? `in ${span}` : `${span} ago`;
}

function spanOf(seconds) {
  if (seconds < 1) return '';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/**
 * When a schedule fires: "0 6 * * * · Europe/Berlin", or "after <name>" for one that runs after
 * another (named from the list of schedules; its id when that one is not listed).
 */
export function timingOf(schedule, schedules = []) {
  if (schedule.after) {
    const other = schedules.find((s) => s.id === schedule.after);
    return `after ${other ? other.name : schedule.after}`;
  }
  return `${schedule.cron} · ${schedule.timezone || 'UTC'}`;
}

/** A schedule's next run, or why it has none: paused, or it runs after another schedule. */
export function nextRunOf(schedule, now = Date.now()) {
  if (!schedule.enabled) return { text: 'paused' };
  const next = (schedule.nextRuns || [])[0];
  if (next) return { text: fireTime(next), relative: relativeTime(next, now), at: next };
  return { text: schedule.after ? 'when the one before succeeds' : 'none' };
}

/** A job's length: "12.3 s", "4 min 5 s"; '' while it has none. */
export function durationText(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * The badge of a job a schedule started: "⏱ <schedule name>" ("⏱ scheduled" when the schedule is
 * not known, deleted say), its title the fire time it ran for in the schedule's zone; null for a job
 * started by hand.
 */
export function scheduleNote(job, schedule) {
  if (!job || !job.scheduleId) return null;
  const zone = schedule ? schedule.timezone : null;
  const when = job.scheduledFor ? fireTime(inZone(job.scheduledFor, zone || 'UTC')) : 'a time not recorded';
  const by = schedule ? `schedule "${schedule.name}"` : `schedule ${job.scheduleId}`;
  return { text: `⏱ ${schedule ? schedule.name : 'scheduled'}`, title: `Started by ${by} for ${when}` };
}

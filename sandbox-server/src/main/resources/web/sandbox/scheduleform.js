// What the schedule dialog reads and sends: its fields from a schedule (or a new one's defaults), the
// body of POST or PUT /schedules from its fields, the time zones it suggests, and which field a
// preview's error is about. Nothing here touches the DOM: Node's test runner loads this file (src/test/js).

/** Zones the time zone field suggests (any IANA name may be typed). */
export const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Paris', 'Europe/Berlin',
  'Europe/Amsterdam', 'Europe/Brussels', 'Europe/Zurich', 'Europe/Vienna', 'Europe/Rome', 'Europe/Madrid',
  'Europe/Oslo', 'Europe/Stockholm', 'Europe/Copenhagen', 'Europe/Warsaw', 'Europe/Prague', 'Europe/Helsinki',
  'Europe/Athens', 'Europe/Istanbul', 'Europe/Moscow', 'America/New_York', 'America/Chicago', 'America/Denver',
  'America/Los_Angeles', 'America/Toronto', 'America/Sao_Paulo', 'America/Mexico_City', 'Asia/Dubai',
  'Asia/Kolkata', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Seoul', 'Australia/Sydney',
  'Pacific/Auckland', 'Africa/Johannesburg'];

/** The suggested zones with the browser's own first (when it is not among them). */
export function zoneChoices(browserZone) {
  return browserZone && !COMMON_ZONES.includes(browserZone) ? [browserZone, ...COMMON_ZONES] : [...COMMON_ZONES];
}

/**
 * The dialog's fields: a schedule's, to edit it, or a new one's defaults (a cron in the browser's
 * zone, following the latest version, skip when the last job still runs, a missed firing run once).
 */
export function formFields(schedule, browserZone = 'UTC') {
  if (!schedule) {
    return { name: '', modelId: '', followLatest: true, mode: 'cron', cron: '', timezone: browserZone || 'UTC',
      after: '', config: '{}', dataSourceId: '', dataSources: {}, runtime: 'auto', overlap: 'skip', misfire: 'run-once',
      deadline: '', publishAs: '', enabled: true };
  }
  return {
    name: schedule.name,
    modelId: schedule.modelId,
    followLatest: schedule.followLatest !== false,
    mode: schedule.after ? 'after' : 'cron',
    cron: schedule.cron || '',
    timezone: schedule.timezone || 'UTC',
    after: schedule.after || '',
    config: JSON.stringify(schedule.config || {}, null, 2),
    dataSourceId: schedule.dataSourceId || '',
    dataSources: schedule.dataSources || {}, // by alias: not edited in the dialog, kept as they are
    runtime: schedule.runtime || 'auto',
    overlap: schedule.overlap || 'skip',
    misfire: schedule.misfire || 'run-once',
    deadline: schedule.deadline || '',
    publishAs: schedule.publishAs || '',
    enabled: schedule.enabled !== false,
  };
}

/**
 * The body of POST /schedules (or PUT, which replaces every field) from the dialog's fields, with the
 * config already read as an object: exactly one of cron (with its zone) and after; what is empty or
 * the default is left out, except enabled, so that saving a paused schedule keeps it paused.
 */
export function scheduleBody(fields, config) {
  const body = { name: fields.name.trim(), modelId: fields.modelId, followLatest: fields.followLatest };
  if (fields.mode === 'after') {
    body.after = fields.after;
  } else {
    body.cron = fields.cron.trim();
    body.timezone = fields.timezone.trim() || 'UTC';
  }
  body.config = config || {};
  if (fields.dataSourceId) body.dataSourceId = fields.dataSourceId;
  if (fields.dataSources && Object.keys(fields.dataSources).length) body.dataSources = fields.dataSources;
  if (fields.runtime && fields.runtime !== 'auto') body.runtime = fields.runtime;
  body.overlap = fields.overlap || 'skip';
  body.misfire = fields.misfire || 'run-once';
  if (fields.deadline.trim()) body.deadline = fields.deadline.trim();
  if ((fields.publishAs || '').trim()) body.publishAs = fields.publishAs.trim();
  body.enabled = fields.enabled !== false;
  return body;
}

/** The field a preview's 400 is about: the time zone when the server names it, else the cron expression. */
export function problemField(message) {
  return /^timezone\b/.test(String(message || '')) ? 'timezone' : 'cron';
}

// Numbers, sizes and times as the page writes them. Nothing here touches the DOM: Node's test runner
// loads this file (src/test/js).

// "big.py is 11.0 MiB; the limit is 10 MiB"; in exact bytes when the two would show the same number
// (10 MiB + 1 byte: "10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB)"), as the server says it.
export function overLimit(name, size, limit) {
  const shown = formatSize(size);
  const shownLimit = formatSize(limit);
  const [sizeNumber, sizeUnit] = shown.split(' ');
  const [limitNumber, limitUnit] = shownLimit.split(' ');
  if (sizeUnit === limitUnit && Number(sizeNumber) === Number(limitNumber)) {
    const exact = (n) => `${n.toLocaleString('en-US')} bytes`;
    return `${name} is ${exact(size)}; the limit is ${exact(limit)} (${shownLimit})`;
  }
  return `${name} is ${shown}; the limit is ${shownLimit}`;
}

// 512 B, 1.5 KiB, 11.0 MiB; a whole number of KiB or MiB without a decimal (10 MiB).
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const [scale, unit] = bytes < 1024 * 1024 ? [1024, 'KiB'] : [1024 * 1024, 'MiB'];
  return bytes % scale === 0 ? `${bytes / scale} ${unit}` : `${(bytes / scale).toFixed(1)} ${unit}`;
}

/** A progress fraction as a whole percent, 0 to 100 (a model may report past either end). */
export function percentOf(fraction) {
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}

const SI = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];

/** A number in at most 4 significant digits with an SI suffix: 66393090 → "66.39M", 0.0042 → "0.0042". */
export function siFormat(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const magnitude = Math.abs(value);
  for (const [scale, suffix] of SI) {
    if (magnitude >= scale) return `${trim((value / scale).toPrecision(4))}${suffix}`;
  }
  if (magnitude === 0) return '0';
  return magnitude >= 0.001 ? trim(value.toPrecision(4)) : value.toExponential(2);
}

function trim(text) {
  return text.includes('e') || !text.includes('.') ? text : text.replace(/\.?0+$/, '');
}

// One formatter for the page: toLocaleTimeString builds a new one on every call, which was most of
// the time spent per log line before.
const clock = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** Local wall-clock time with milliseconds, e.g. 16:47:56.123 ('' for no valid time). */
export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : clock.format(date) + '.' + String(date.getMilliseconds()).padStart(3, '0');
}

/**
 * What an ended job used, as the server measured it: "took 1.2 s · CPU 0.95 s · peak memory 74.3 MiB"; the parts it
 * does not know are left out (no peak memory on GraalPy), '' while nothing is known.
 */
export function usageText(job) {
  const seconds = (ms) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`);
  const parts = [];
  if (job.durationMs != null) parts.push(`took ${seconds(job.durationMs)}`);
  if (job.cpuMs != null) parts.push(`CPU ${seconds(job.cpuMs)}`);
  if (job.peakMemoryBytes != null) parts.push(`peak memory ${formatSize(job.peakMemoryBytes)}`);
  return parts.join(' · ');
}

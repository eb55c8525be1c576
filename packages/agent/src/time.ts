/**
 * `Date.prototype.toISOString()` without V8's date formatter. V8 formats every date string, ISO
 * ones included, through code that also looks up the local time zone's name in ICU's data, which
 * is part of node's binary: the first call maps ~0.6 MB of it into the process, and those pages
 * stay resident for the process's life (npm run bench:agent counts them in the daemon's RSS).
 * The UTC getters read no ICU data. Same output as toISOString (including the ±YYYYYY form for
 * years outside 0–9999), and the same RangeError for an invalid date.
 */
export function isoString(time: Date | number = Date.now()): string {
  const date = typeof time === 'number' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid time value');
  const year = date.getUTCFullYear();
  const yyyy = year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
  return `${yyyy}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}Z`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

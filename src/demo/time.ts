export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Syria was on UTC+2 in December 2016. */
export const SYRIA_OFFSET_MIN = 120;

/** ISO 8601 with seconds and an explicit offset: 2016-12-12T14:03:27+02:00. */
export function formatWithOffset(ms: number, offsetMin = SYRIA_OFFSET_MIN): string {
  const local = new Date(ms + offsetMin * MINUTE).toISOString().slice(0, 19);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

export function localHour(ms: number, offsetMin = SYRIA_OFFSET_MIN): number {
  return new Date(ms + offsetMin * MINUTE).getUTCHours();
}

/** Start of the local day containing ms. */
export function localMidnight(ms: number, offsetMin = SYRIA_OFFSET_MIN): number {
  const shifted = ms + offsetMin * MINUTE;
  return shifted - (((shifted % DAY) + DAY) % DAY) - offsetMin * MINUTE;
}

export function parseTime(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${iso}`);
  return ms;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

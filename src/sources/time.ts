import { UsageError } from '../core/errors.ts';

/** A zone to read local wall-clock times in: a fixed offset or an IANA zone. */
export type TimeZoneSpec =
  | { kind: 'fixed'; minutes: number; label: string }
  | { kind: 'zone'; zone: string; label: string };

export const UTC: TimeZoneSpec = { kind: 'fixed', minutes: 0, label: 'UTC' };

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** `+03:00`, `-0530`, `Z`, `UTC` or an IANA name such as `Asia/Damascus`. */
export function parseTimeZone(spec: string): TimeZoneSpec {
  const s = spec.trim();
  if (/^(z|utc|gmt)$/i.test(s)) return UTC;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(s);
  if (m) {
    const minutes = (Number(m[2]) * 60 + Number(m[3])) * (m[1] === '-' ? -1 : 1);
    if (Math.abs(minutes) > 18 * 60) throw new UsageError(`time zone offset out of range: ${spec}`, spec);
    return { kind: 'fixed', minutes, label: formatOffset(minutes) };
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: s });
  } catch {
    throw new UsageError(
      `unknown time zone "${spec}" (use an IANA name like Asia/Damascus or an offset like +03:00)`,
      spec,
    );
  }
  return { kind: 'zone', zone: s, label: s };
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset in minutes of an IANA zone at a UTC instant. */
export function zoneOffsetAt(zone: string, utcMs: number): number {
  let f = offsetFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormatters.set(zone, f);
  }
  const name = f.formatToParts(utcMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (Number(m[2]) * 60 + Number(m[3] ?? 0)) * (m[1] === '-' ? -1 : 1);
}

/** ISO 8601 of a UTC instant as wall time at the given offset, e.g. 2016-12-13T14:02:00+02:00. */
export function isoAtOffset(utcMs: number, offsetMinutes: number): string {
  const d = new Date(utcMs + offsetMinutes * 60_000);
  const ms = d.getUTCMilliseconds();
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '') +
    formatOffset(offsetMinutes)
  );
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function isValidWallTime(t: WallTime): boolean {
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.hour > 23 || t.minute > 59 || t.second > 59) return false;
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day));
  return d.getUTCDate() === t.day;
}

/** A local wall-clock time read in a zone, as ISO 8601 with that zone's offset at that moment. */
export function wallTimeToIso(t: WallTime, tz: TimeZoneSpec): string {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  if (tz.kind === 'fixed') return isoAtOffset(asUtc - tz.minutes * 60_000, tz.minutes);
  let off = zoneOffsetAt(tz.zone, asUtc);
  const second = zoneOffsetAt(tz.zone, asUtc - off * 60_000);
  if (second !== off) off = second;
  return isoAtOffset(asUtc - off * 60_000, off);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Twitter's `Wed Oct 19 20:07:25 +0000 2022`. */
export function parseTwitterDate(s: string): string | undefined {
  const m = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})$/.exec(s.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf((m[1] as string).toLowerCase());
  if (month < 0) return undefined;
  const off = m[6] as string;
  const minutes = (Number(off.slice(1, 3)) * 60 + Number(off.slice(3))) * (off[0] === '-' ? -1 : 1);
  const t = {
    year: Number(m[7]),
    month: month + 1,
    day: Number(m[2]),
    hour: Number(m[3]),
    minute: Number(m[4]),
    second: Number(m[5]),
  };
  if (!isValidWallTime(t)) return undefined;
  return wallTimeToIso(t, { kind: 'fixed', minutes, label: off });
}

/** ISO 8601 with an explicit offset (or Z) passes through; anything else is undefined. */
export function normalizeIsoWithOffset(s: string): string | undefined {
  const t = s.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t)) return undefined;
  if (Number.isNaN(Date.parse(t.replace(' ', 'T')))) return undefined;
  return t.replace(' ', 'T').replace(/z$/, 'Z');
}

/** ISO without offset (`2016-12-13T14:02:00`) read in tz. */
export function parseLocalIso(s: string, tz: TimeZoneSpec): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(s.trim());
  if (!m) return undefined;
  const t = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) };
  return isValidWallTime(t) ? wallTimeToIso(t, tz) : undefined;
}

/** Any of: ISO with offset, ISO without (read in tz), Unix seconds or milliseconds, Twitter's format. */
export function parseAnyDate(s: string, tz: TimeZoneSpec): string | undefined {
  const t = s.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(t)) {
    const n = Number(t);
    const ms = t.length >= 12 && !t.includes('.') ? n : n * 1000;
    return isoAtOffset(ms, tz.kind === 'fixed' ? tz.minutes : zoneOffsetAt(tz.zone, ms));
  }
  return normalizeIsoWithOffset(t) ?? parseLocalIso(t, tz) ?? parseTwitterDate(t);
}

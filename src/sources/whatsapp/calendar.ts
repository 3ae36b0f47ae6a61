import type { Era } from './header.ts';

/** The calendar a file's years are written in, decided once per file from its years and era marks. */
export type Calendar = 'gregory' | 'buddhist' | 'japanese' | 'persian' | 'islamic';

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

const JAPANESE_ERA_START: Record<Exclude<Era, 'BE'>, number> = { reiwa: 2018, heisei: 1988, showa: 1925 };

/**
 * Which calendar a file uses, from its (largest) written year: a phone on the Thai Buddhist calendar
 * writes 2565 for 2022, one on the Solar Hijri calendar 1401, one on the Hijri calendar 1443. The
 * ranges do not overlap for any year a phone has exported a chat in (2009 on).
 */
export function calendarOfYears(years: number[], eras: Set<Era>): Calendar {
  if (eras.has('BE')) return 'buddhist';
  if (eras.size > 0) return 'japanese';
  const big = years.filter((y) => y >= 1000);
  if (big.length === 0) return 'gregory';
  const max = Math.max(...big);
  if (max >= 2500) return 'buddhist';
  if (max >= 1380 && max <= 1420) return 'persian';
  if (max >= 1420 && max <= 1480) return 'islamic';
  return 'gregory';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(calendar: 'persian' | 'islamic-umalqura', utcMs: number): Ymd {
  let f = formatters.get(calendar);
  if (!f) {
    f = new Intl.DateTimeFormat(`en-u-ca-${calendar}-nu-latn`, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    formatters.set(calendar, f);
  }
  const p = Object.fromEntries(f.formatToParts(utcMs).map((x) => [x.type, x.value]));
  return { year: Number.parseInt(p.year ?? p.relatedYear ?? '0', 10), month: Number(p.month), day: Number(p.day) };
}

/** Gregorian date of a day in the Solar Hijri or (Umm al-Qura) Hijri calendar, found through Intl. */
function fromIntlCalendar(calendar: 'persian' | 'islamic-umalqura', d: Ymd): Ymd | undefined {
  const yearDays = calendar === 'persian' ? 365.2422 : 354.367;
  const monthDays = yearDays / 12;
  const epoch = calendar === 'persian' ? Date.UTC(622, 2, 22) : Date.UTC(622, 6, 19);
  let ms = epoch + ((d.year - 1) * yearDays + (d.month - 1) * monthDays + (d.day - 1)) * 86_400_000;
  for (let i = 0; i < 8; i++) {
    const got = partsIn(calendar, ms);
    const off = Math.round((d.year - got.year) * yearDays + (d.month - got.month) * monthDays + (d.day - got.day));
    if (off === 0) {
      const g = new Date(ms);
      return { year: g.getUTCFullYear(), month: g.getUTCMonth() + 1, day: g.getUTCDate() };
    }
    ms += off * 86_400_000;
  }
  return undefined;
}

/** The Gregorian date of a written date, or undefined when that day does not exist in its calendar. */
export function toGregorian(written: Ymd, calendar: Calendar, era: Era | undefined): Ymd | undefined {
  const { month, day } = written;
  let year = written.year;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  switch (calendar) {
    case 'gregory':
      return { year: year < 100 ? 2000 + year : year, month, day };
    case 'buddhist':
      if (year < 100) year += 2500;
      return { year: year - 543, month, day };
    case 'japanese': {
      const start = era && era !== 'BE' ? JAPANESE_ERA_START[era] : undefined;
      if (start === undefined) return { year: year < 100 ? 2000 + year : year, month, day };
      return { year: start + year, month, day };
    }
    case 'persian':
    case 'islamic': {
      if (month > 12 || day > (calendar === 'persian' ? 31 : 30)) return undefined;
      const g = fromIntlCalendar(calendar === 'persian' ? 'persian' : 'islamic-umalqura', { year, month, day });
      return g;
    }
  }
}

import * as chrono from 'chrono-node';

export interface DateMention {
  text: string;
  /** ISO 8601 instant (UTC) of the start. */
  start: string;
  end?: string;
}

const HINT = /\d{1,2}[:/.]\d{1,2}|\d\s*(am|pm|a\.m|p\.m|h\b)|\b(19|20)\d\d\b|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|today|tonight|yesterday|tomorrow|morning|evening|night|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|june|july|august|september|october|november|december|hours? ago|days? ago|امس|أمس|اليوم|غدا|غداً|الليل|ليله|ليلة|صباح|مساء|الساعه|الساعة|السبت|الاحد|الأحد|الاثنين|الإثنين|الثلاثاء|الاربعاء|الأربعاء|الخميس|الجمعه|الجمعة|منذ|ساعه|ساعة|ساعات|دقيقه|دقيقة|يناير|فبراير|مارس|ابريل|أبريل|مايو|يونيو|يوليو|اغسطس|أغسطس|سبتمبر|اكتوبر|أكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين/i;
const ARABIC = /[\u0600-\u06ff]/;
const LATIN = /[a-z]{3}/i;

function offsetMinutes(iso: string | undefined): number | undefined {
  const m = iso && /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return iso?.endsWith('Z') ? 0 : undefined;
}

/** Dates and times in an English or Arabic text, resolved relative to when it was posted. */
export function extractDates(text: string, postedAt?: string): DateMention[] {
  if (!HINT.test(text)) return [];
  const instant = postedAt ? new Date(postedAt) : new Date(0);
  const ref = { instant, timezone: offsetMinutes(postedAt) };
  const parsers = !ARABIC.test(text) ? [chrono.en] : LATIN.test(text) ? [chrono.ar, chrono.en] : [chrono.ar];
  const out: DateMention[] = [];
  const seen = new Set<string>();
  for (const p of parsers) {
    for (const r of p.parse(text, ref)) {
      if (/^\d{1,4}$/.test(r.text.trim())) continue; // a bare number is a count, not a date
      const start = r.start.date().toISOString();
      if (seen.has(r.text)) continue;
      seen.add(r.text);
      out.push(r.end ? { text: r.text, start, end: r.end.date().toISOString() } : { text: r.text, start });
    }
  }
  return out;
}

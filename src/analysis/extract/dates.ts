import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';
import { asciiDigits } from '../../core/arabic-normalize.ts';

export interface DateMention {
  text: string;
  /** ISO 8601 instant (UTC) of the start. */
  start: string;
  end?: string;
}

const HINT_SOURCE =
  /\d{1,2}[:/.]\d{1,2}|\d\s*(am|pm|a\.m|p\.m|h\b)|\b(19|20)\d\d\b|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|today|tonight|yesterday|tomorrow|morning|evening|night|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|june|july|august|september|october|november|december|hours? ago|days? ago|امس|أمس|اليوم|غدا|غداً|الليل|ليله|ليلة|صباح|مساء|الساعه|الساعة|السبت|الاحد|الأحد|الاثنين|الإثنين|الثلاثاء|الاربعاء|الأربعاء|الخميس|الجمعه|الجمعة|منذ|ساعه|ساعة|ساعات|دقيقه|دقيقة|يناير|فبراير|مارس|ابريل|أبريل|مايو|يونيو|يوليو|اغسطس|أغسطس|سبتمبر|اكتوبر|أكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين/i;
const HINT = new RegExp(HINT_SOURCE.source, 'i');
const HINTS = new RegExp(HINT_SOURCE.source, 'gi');
const PAD = 28;

/** Pieces of the text around date words, cut at spaces: chrono's cost grows with length. */
function windows(text: string): string[] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(HINTS)) {
    let a = Math.max(0, m.index - PAD);
    let b = Math.min(text.length, m.index + m[0].length + PAD);
    while (a > 0 && !/\s/.test(text[a - 1])) a--;
    while (b < text.length && !/\s/.test(text[b])) b++;
    const last = spans[spans.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else spans.push([a, b]);
  }
  return spans.map(([a, b]) => text.slice(a, b));
}
const ARABIC = /[\u0600-\u06ff]/;
let chronoLib: typeof Chrono | undefined;
/** chrono-node is loaded on first need (most posts resolve without it, and it is slow to load). */
function chrono(): typeof Chrono {
  chronoLib ??= createRequire(import.meta.url)('chrono-node') as typeof Chrono;
  return chronoLib;
}
const LATIN = /[a-z]{3}/i;

function offsetMinutes(iso: string | undefined): number | undefined {
  const m = iso && /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return iso?.endsWith('Z') ? 0 : undefined;
}

const NEEDS_CHRONO =
  /\d{1,2}[:/.]\d|\d\s*(am|pm|a\.m|p\.m|h\b|o'?clock)|(الساعه|الساعة)\s*\d|\d+\s*(ساع|دقيق|hour|minute|day|week)|\b(19|20)\d\d\b|\d(st|nd|rd|th)?\s+[a-z\u0600-\u06ff]{3,}\s+(19|20)?\d\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|june|july|august|september|october|november|december|ago|السبت|الاحد|الأحد|الاثنين|الإثنين|الثلاثاء|الاربعاء|الأربعاء|الخميس|الجمعه|الجمعة|يناير|فبراير|مارس|ابريل|أبريل|مايو|يونيو|يوليو|اغسطس|أغسطس|سبتمبر|اكتوبر|أكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين|منذ/i;

/** Day-relative words resolved without chrono: [pattern, days from the post, local hour or undefined for the post's time]. */
const SIMPLE: [RegExp, number, number | undefined][] = [
  [/\bthis morning\b|صباح اليوم|صباح هذا اليوم/i, 0, 6],
  [/\bthis evening\b|مساء اليوم/i, 0, 18],
  [/\btonight\b|الليله|الليلة|هذه الليله|هذه الليلة/i, 0, 22],
  [/\blast night\b|ليله امس|ليلة أمس|ليلة امس|البارحه|البارحة/i, -1, 22],
  [/\byesterday morning\b|صباح امس|صباح أمس/i, -1, 6],
  [/\byesterday evening\b|مساء امس|مساء أمس/i, -1, 18],
  [/\byesterday\b|(^|\s)(امس|أمس)(\s|$)/i, -1, undefined],
  [/\btomorrow\b|(^|\s)(غدا|غداً|بكره|بكرة)(\s|$)/i, 1, undefined],
  [/\btoday\b|(^|\s)اليوم(\s|$)/i, 0, undefined],
];

const AGO: [RegExp, (m: RegExpExecArray) => number][] = [
  [
    /(?:منذ|قبل)\s+(\d+\s+)?(ساعتين|ساعات|ساعه|ساعة|دقيقتين|دقائق|دقيقه|دقيقة|يومين|ايام|أيام|يوم)/,
    (m) => {
      const unit = m[2];
      const n = m[1] ? Number(m[1]) : /تين|ين$/.test(unit) ? 2 : 1;
      return n * (unit.startsWith('ساع') ? 3_600_000 : unit.startsWith('دق') ? 60_000 : 86_400_000);
    },
  ],
  [
    /\b(\d+|an?|one)\s+(hours?|minutes?|mins?|days?)\s+ago\b/i,
    (m) =>
      (/^\d/.test(m[1]) ? Number(m[1]) : 1) * (/^h/i.test(m[2]) ? 3_600_000 : /^m/i.test(m[2]) ? 60_000 : 86_400_000),
  ],
];
const CLOCK: RegExp[] = [
  /\b(?:at\s+)?(\d{1,2})(?::(\d\d))?\s*(am|pm|a\.m\.|p\.m\.)/i,
  /(?:الساعه|الساعة)\s+(\d{1,2})(?::(\d\d))?(?:\s+(صباحا|صباحاً|مساء|مساءً|مساءا|ليلا|ليلاً|ظهرا|ظهراً|فجرا|فجراً))?/,
];

/** The common day-relative, "N hours ago" and clock-time forms, without chrono. Matched text is cut from `w.rest`. */
function simpleDates(w: { rest: string }, instant: Date, offset: number | undefined): DateMention[] {
  const out: DateMention[] = [];
  const whole = w.rest;
  const off = (offset ?? 0) * 60_000;
  let dayShift = 0;
  let day: DateMention | undefined;
  for (const [re, days, hour] of SIMPLE) {
    const m = re.exec(w.rest);
    if (!m) continue;
    w.rest = w.rest.replace(re, ' ');
    dayShift = days;
    const local = new Date(instant.getTime() + off + days * 86_400_000);
    if (hour !== undefined) local.setUTCHours(hour, 0, 0, 0);
    day = { text: m[0].trim(), start: new Date(local.getTime() - off).toISOString() };
    out.push(day);
  }
  for (const [re, ms] of AGO) {
    const m = re.exec(w.rest);
    if (!m) continue;
    w.rest = w.rest.replace(re, ' ');
    out.push({ text: m[0].trim(), start: new Date(instant.getTime() - ms(m)).toISOString() });
  }
  for (const re of CLOCK) {
    const m = re.exec(whole);
    if (!m) continue;
    let h = Number(m[1]);
    if (h > 23) continue;
    w.rest = w.rest.replace(re, ' ');
    const mer = (m[3] ?? '').toLowerCase();
    if ((mer.startsWith('p') || /^(مساء|ليل)/.test(mer) || (/^ظهر/.test(mer) && h < 11)) && h < 12) h += 12;
    if ((mer.startsWith('a') || /^(صباح|فجر)/.test(mer)) && h === 12) h = 0;
    const local = new Date(instant.getTime() + off + dayShift * 86_400_000);
    local.setUTCHours(h, Number(m[2] ?? 0), 0, 0);
    const start = new Date(local.getTime() - off).toISOString();
    if (day) {
      // "yesterday at 5 pm", "امس الساعة 5 مساء": one moment
      day.text = `${day.text} ${m[0].trim()}`;
      day.start = start;
    } else out.push({ text: m[0].trim(), start });
  }
  return out;
}

/** Dates and times in an English or Arabic text, resolved relative to when it was posted. */
export function extractDates(text: string, postedAt?: string): DateMention[] {
  if (!HINT.test(text)) return [];
  text = asciiDigits(text);
  const instant = postedAt ? new Date(postedAt) : new Date(0);
  const ref = { instant, timezone: offsetMinutes(postedAt) };
  const parsers = () =>
    !ARABIC.test(text) ? [chrono().en] : LATIN.test(text) ? [chrono().ar, chrono().en] : [chrono().ar];
  const out: DateMention[] = [];
  const seen = new Set<string>();
  const hard: string[] = [];
  for (const piece of windows(text)) {
    const w = { rest: piece };
    for (const d of simpleDates(w, instant, ref.timezone)) {
      if (!seen.has(d.text)) {
        seen.add(d.text);
        out.push(d);
      }
    }
    if (NEEDS_CHRONO.test(w.rest)) hard.push(w.rest);
  }
  if (!hard.length) return out;
  for (const p of parsers()) {
    for (const r of hard.flatMap((w) => p.parse(w, ref))) {
      if (/^\d{1,4}$/.test(r.text.trim())) continue; // a bare number is a count, not a date
      const start = r.start.date().toISOString();
      if (seen.has(r.text)) continue;
      seen.add(r.text);
      out.push(r.end ? { text: r.text, start, end: r.end.date().toISOString() } : { text: r.text, start });
    }
  }
  return out;
}

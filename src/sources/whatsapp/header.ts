import { DAY_PERIODS, type DayPeriod } from './day-periods.ts';
import { normalizeForHeader } from './normalize.ts';

/** A year written in an era other than the Gregorian: Thai Buddhist era or a Japanese imperial era. */
export type Era = 'BE' | 'reiwa' | 'heisei' | 'showa';

export interface Header {
  /** date parts as written, in order, with their digit counts */
  a: number;
  b: number;
  c: number;
  aLen: number;
  /** the year is the first part (an era name stood before it) */
  yearFirst?: boolean;
  era?: Era;
  hour: number;
  minute: number;
  second: number;
  /** AM/PM or a spelled-out day period; undefined on a 24-hour clock */
  half?: DayPeriod;
  style: 'android' | 'ios';
  /** the time came before the date (`[14:56:01, 3/18/22]`, Vietnamese phones) */
  timeFirst?: boolean;
  /** the rest of the line, cut from the original (marks and digits untouched) */
  rest: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s?');
const alternatives = (list: readonly string[]) =>
  [...list]
    .sort((x, y) => y.length - x.length)
    .map(escapeRe)
    .join('|');

const ERA_WORDS: Record<string, Era> = {
  BE: 'BE',
  'B.E.': 'BE',
  'พ.ศ.': 'BE',
  R: 'reiwa',
  Reiwa: 'reiwa',
  令和: 'reiwa',
  H: 'heisei',
  Heisei: 'heisei',
  平成: 'heisei',
  S: 'showa',
  Showa: 'showa',
  Shōwa: 'showa',
  昭和: 'showa',
};
const ERA_PRE = alternatives(['R', 'H', 'S', '令和', '平成', '昭和']);
const ERA_POST = alternatives(Object.keys(ERA_WORDS));
const HALF = alternatives(Object.keys(DAY_PERIODS));
const WORD = String.raw`(?:(?:à|um|a las|a la|saat|في|kl\.|klo|alle|às|lúc|om|o)\s+)?`;

const DATE = String.raw`(?:(?<pre>${ERA_PRE})\s?)?(?<a>\d{1,4})(?<sep>[./-]) ?(?<b>\d{1,2})\k<sep> ?(?<c>\d{1,4})\.?(?:\s?(?<post>${ERA_POST})(?![\p{L}\d]))?`;
const TIME = String.raw`(?:(?<h1>${HALF})\s?)?(?<h>\d{1,2})[:.](?<mi>\d{2})(?:[:.](?<s>\d{2}))?(?:\s?(?<h2>${HALF})(?![\p{L}]))?`;
const PATTERNS: { re: RegExp; style: Header['style']; timeFirst?: boolean }[] = [
  { re: new RegExp(String.raw`^${DATE},?\s${WORD}${TIME}\s[-–]\s`, 'iu'), style: 'android' },
  { re: new RegExp(String.raw`^\[${DATE},?\s${WORD}${TIME}\]\s`, 'iu'), style: 'ios' },
  { re: new RegExp(String.raw`^\[${TIME},\s?${DATE}\]\s`, 'iu'), style: 'ios', timeFirst: true },
  { re: new RegExp(String.raw`^${TIME},\s?${DATE}\s[-–]\s`, 'iu'), style: 'android', timeFirst: true },
];

function periodOf(s: string | undefined): DayPeriod | undefined {
  if (!s) return undefined;
  const key = s.replace(/\s+/g, ' ');
  for (const [word, p] of Object.entries(DAY_PERIODS)) if (word.toLowerCase() === key.toLowerCase()) return p;
  // spacing differs from the table ("a.m." for "a. m.")
  const squeezed = key.replace(/\s/g, '').toLowerCase();
  for (const [word, p] of Object.entries(DAY_PERIODS)) if (word.replace(/\s/g, '').toLowerCase() === squeezed) return p;
  return undefined;
}

function eraOf(s: string | undefined): Era | undefined {
  if (!s) return undefined;
  for (const [word, e] of Object.entries(ERA_WORDS)) if (word.toLowerCase() === s.toLowerCase()) return e;
  return undefined;
}

/**
 * Reads a WhatsApp message header (`12/31/19, 11:25 PM - `, `[31.12.19, 23:25:10] `,
 * `[14:56:01, 18/3/22] `, `[3/18/2565 BE, 14:56:01] `, `2022. 3. 18. 오후 2:56 - `) or returns undefined.
 */
export function parseHeader(line: string): Header | undefined {
  // cheap reject: a header starts with a digit, `[`, an era letter or a non-ASCII mark or word
  const first = line.charCodeAt(0);
  if (
    !(
      first === 0x5b ||
      (first >= 0x30 && first <= 0x39) ||
      first > 0x7f ||
      first === 0x52 ||
      first === 0x48 ||
      first === 0x53
    )
  )
    return undefined;
  const head = line.length > 200 ? line.slice(0, 200) : line;
  // most lines are ASCII up to the author: no need to normalise them
  const plain = !/[^\x20-\x7e]/.test(head.slice(0, 48));
  const { text, map } = plain ? { text: head, map: undefined } : normalizeForHeader(head);
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m?.groups) continue;
    const g = m.groups;
    const cut = map ? (map[m[0].length] ?? line.length) : m[0].length;
    const pre = eraOf(g.pre);
    const h: Header = {
      a: Number(g.a),
      b: Number(g.b),
      c: Number(g.c),
      aLen: (g.a as string).length,
      hour: Number(g.h),
      minute: Number(g.mi),
      second: Number(g.s ?? 0),
      half: periodOf(g.h1 ?? g.h2),
      style: p.style,
      rest: line.slice(cut),
    };
    if (pre) {
      h.era = pre;
      h.yearFirst = true;
    } else {
      const post = eraOf(g.post);
      if (post) h.era = post;
    }
    if (p.timeFirst) h.timeFirst = true;
    return h;
  }
  return undefined;
}

/** 24-hour hour of a clock hour read with its day period; NaN when the pair cannot be (13 PM). */
export function to24h(hour: number, half: DayPeriod | undefined): number {
  if (!half) return hour;
  // Japanese and some other clocks count 0-11: 午後0:15 is a quarter past noon
  if (hour === 0) return half === 'pm' || half === 'noon' ? 12 : 0;
  if (hour < 1 || hour > 12) return half === 'pm' && hour > 12 && hour < 24 ? hour : Number.NaN;
  switch (half) {
    case 'am':
      return hour === 12 ? 0 : hour;
    case 'pm':
      return hour === 12 ? 12 : hour + 12;
    case 'noon':
      return hour >= 11 ? hour : hour + 12;
    case 'night':
      // "at night" runs from about 9 PM to 6 AM: 9 at night is 21:00, 1 at night is 01:00
      if (hour === 12) return 0;
      return hour >= 6 ? hour + 12 : hour;
  }
}

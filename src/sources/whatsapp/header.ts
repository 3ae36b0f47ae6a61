import { normalizeForHeader } from './normalize.ts';

export interface Header {
  /** date parts as written, in order, with their digit counts */
  a: number;
  b: number;
  c: number;
  aLen: number;
  hour: number;
  minute: number;
  second: number;
  /** 'am' | 'pm' | undefined (24-hour clock) */
  half?: 'am' | 'pm';
  style: 'android' | 'ios';
  /** the rest of the line, cut from the original (marks and digits untouched) */
  rest: string;
}

const DATE = String.raw`(\d{1,4})([./-]) ?(\d{1,2})\2 ?(\d{1,4})\.?`;
const WORD = String.raw`(?:(?:à|um|a las|a la|saat|في|kl\.|klo|alle|às)\s+)?`;
const TIME = String.raw`(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?`;
const HALF = String.raw`(?:\s?([aApP]\.?\s?[mM]\.?|ص|م|ÖÖ|ÖS|öö|ös))?`;
const ANDROID = new RegExp(String.raw`^${DATE},?\s${WORD}${TIME}${HALF}\s[-–]\s`);
const IOS = new RegExp(String.raw`^\[${DATE},?\s${WORD}${TIME}${HALF}\]\s`);

function halfOf(s: string | undefined): 'am' | 'pm' | undefined {
  if (!s) return undefined;
  if (s === 'ص' || /^öö$/i.test(s)) return 'am';
  if (s === 'م' || /^ös$/i.test(s)) return 'pm';
  return /^a/i.test(s) ? 'am' : 'pm';
}

/** Reads a WhatsApp message header (`12/31/19, 11:25 PM - ` or `[31.12.19, 23:25:10] `) or returns undefined. */
export function parseHeader(line: string): Header | undefined {
  // cheap reject: a header starts with a digit, `[` or a mark within its first few chars
  const first = line.charCodeAt(0);
  if (!(first === 0x5b || (first >= 0x30 && first <= 0x39) || first > 0x7f)) return undefined;
  const head = line.length > 200 ? line.slice(0, 200) : line;
  // most lines are ASCII up to the author: no need to normalise them
  const plain = !/[^\x20-\x7e]/.test(head.slice(0, 48));
  const { text, map } = plain ? { text: head, map: undefined } : normalizeForHeader(head);
  let m = ANDROID.exec(text);
  let style: Header['style'] = 'android';
  if (!m) {
    m = IOS.exec(text);
    style = 'ios';
  }
  if (!m) return undefined;
  const cut = map ? (map[m[0].length] ?? line.length) : m[0].length;
  return {
    a: Number(m[1]),
    b: Number(m[3]),
    c: Number(m[4]),
    aLen: (m[1] as string).length,
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: Number(m[7] ?? 0),
    half: halfOf(m[8]),
    style,
    rest: line.slice(cut),
  };
}

export function to24h(hour: number, half: 'am' | 'pm' | undefined): number {
  if (!half) return hour;
  if (half === 'am') return hour === 12 ? 0 : hour;
  return hour < 12 ? hour + 12 : hour;
}

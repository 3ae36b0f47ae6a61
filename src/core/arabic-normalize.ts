/**
 * Arabic-aware text normalization used identically at index and at query time.
 * Lives in core because the store (search) and analysis both need it.
 */

import { TextMemo } from './text-memo.ts';

const TASHKEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;
const BIDI_MARKS = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g;
const ALEF_VARIANTS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g; // آ أ إ ٱ
const ALEF_MAQSURA = /\u0649/g; // ى
const TA_MARBUTA = /\u0629/g; // ة
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/g;
const PERSIAN_DIGITS = /[\u06F0-\u06F9]/g;

/** Arabic-Indic and Persian digits to ASCII. */
export function asciiDigits(s: string): string {
  return s
    .replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(PERSIAN_DIGITS, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/**
 * Strip tashkeel, tatweel and bidi marks; fold alef, alef maqsura and ta marbuta;
 * ASCII digits; lowercase Latin. Idempotent.
 */
export function normalizeArabic(s: string): string {
  // The analysis of one message normalizes its text in several places (features, detectors, casualties,
  // places, near-duplicates): the last answer is kept (a pure function of its input).
  if (s === lastIn) return lastOut;
  const out = normalizeArabicOnce(s);
  lastIn = s;
  lastOut = out;
  return out;
}

let lastIn = '';
let lastOut = '';

function normalizeArabicOnce(s: string): string {
  if (ASCII_ONLY.test(s)) return s.toLowerCase();
  const t = s.normalize('NFKC');
  let out = '';
  let from = 0;
  // one pass; copies unchanged runs in slices (same result as the regex chain in normalizeArabicSlow)
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x0600 && !(c >= 0x200b && c <= 0x206f) && c !== 0xfeff) continue;
    let rep: string | undefined;
    if (
      (c >= 0x0610 && c <= 0x061a) ||
      (c >= 0x064b && c <= 0x065f) ||
      c === 0x0670 ||
      (c >= 0x06d6 && c <= 0x06dc) ||
      (c >= 0x06df && c <= 0x06e8) ||
      (c >= 0x06ea && c <= 0x06ed) ||
      c === 0x0640 ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      c === 0x061c ||
      c === 0xfeff
    )
      rep = '';
    else if (c === 0x0622 || c === 0x0623 || c === 0x0625 || c === 0x0671 || c === 0x0672 || c === 0x0673)
      rep = '\u0627';
    else if (c === 0x0649) rep = '\u064A';
    else if (c === 0x0629) rep = '\u0647';
    else if (c >= 0x0660 && c <= 0x0669) rep = String(c - 0x0660);
    else if (c >= 0x06f0 && c <= 0x06f9) rep = String(c - 0x06f0);
    if (rep === undefined) continue;
    out += t.slice(from, i) + rep;
    from = i + 1;
  }
  return (from === 0 ? t : out + t.slice(from)).toLowerCase();
}

const ASCII_ONLY = /^\p{ASCII}*$/u;

/** The reference implementation (a chain of replacements); normalizeArabic must equal it. */
export function normalizeArabicSlow(s: string): string {
  return asciiDigits(
    s
      .normalize('NFKC')
      .replace(BIDI_MARKS, '')
      .replace(TASHKEEL, '')
      .replace(TATWEEL, '')
      .replace(ALEF_VARIANTS, '\u0627')
      .replace(ALEF_MAQSURA, '\u064A')
      .replace(TA_MARBUTA, '\u0647'),
  ).toLowerCase();
}

const ARABIC_LETTERS = /^[\u0621-\u064A]+$/;
// Longest first: conjunction/preposition + article, then article, then single-letter proclitics.
const PROCLITICS = ['وبال', 'وكال', 'وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك'];

/**
 * Light stem of one normalized Arabic token: drop attached conjunctions, prepositions and the
 * article so that الأنقاض and والاطفال index as انقاض and اطفال too. Keeps at least 3 letters.
 */
export function arabicLightStem(token: string): string {
  if (!ARABIC_LETTERS.test(token)) return token;
  for (const p of PROCLITICS) {
    if (token.startsWith(p) && token.length - p.length >= 3) return token.slice(p.length);
  }
  return token;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Normalized words of a text. */
export function normalizedTokens(s: string): string[] {
  return normalizeArabic(s).match(WORD) ?? [];
}

/**
 * The text Vigil puts in its full-text index: normalized words, each followed by its light stem
 * when that differs. Both stores index this.
 */
export function searchableText(s: string): string {
  return searchableAhead.take(s, searchableTextOf);
}

/** searchableText of texts a bulk import computed ahead, on its analysis worker threads. */
export const searchableAhead = new TextMemo<string>();

function searchableTextOf(s: string): string {
  const out: string[] = [];
  for (const t of normalizedTokens(s)) {
    out.push(t);
    const stem = arabicLightStem(t);
    if (stem !== t) out.push(stem);
  }
  return out.join(' ');
}

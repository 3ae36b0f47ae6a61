import { normalizeArabic } from '../../core/arabic-normalize.ts';

/** Number of hashed feature buckets (a power of two). Changing it needs a retrain. */
export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;
const MASK = FEATURE_DIM - 1;

const URL_RE = /https?:\/\/\S+|www\.\S+/g;
const MENTION_RE = /@\w+/g;
const ASCII_RE = /^\p{ASCII}*$/u;

/** Text as the classifier sees it: normalized Arabic, lowercase, URLs and mentions folded. */
export function classifierText(text: string): string {
  let t = ASCII_RE.test(text) ? text.toLowerCase() : normalizeArabic(text);
  if (t.includes('http') || t.includes('www.')) t = t.replace(URL_RE, ' httpurl ');
  if (t.includes('@')) t = t.replace(MENTION_RE, ' @user ');
  return t;
}

/**
 * Word characters for tokenizing: ASCII letters, digits and _, Latin-1/Extended letters, Greek and
 * Cyrillic, Arabic letters and digits (not Arabic punctuation), and anything from CJK up. Emoji
 * (surrogates) and punctuation separate words.
 */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95;
  if (c >= 0x0600 && c <= 0x06ff)
    return !(c === 0x060c || c === 0x061b || c === 0x061f || (c >= 0x066a && c <= 0x066d) || c === 0x06d4);
  if (c >= 0xc0 && c <= 0x52f) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0x0750 && c <= 0x077f) return true;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return c >= 0x2e80;
}

/** Normalized words, digits folded to 0 (for tests and tools; featurize scans without allocating). */
export function classifierTokens(text: string): string[] {
  const t = classifierText(text);
  const out: string[] = [];
  let w = '';
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 32;
    if (isWordChar(c)) w += c >= 48 && c <= 57 ? '0' : t[i];
    else if (w) {
      out.push(w);
      w = '';
    }
  }
  return out;
}

/** Optional feature groups a model may be trained with (recorded in its metadata). */
export interface FeatureOptions {
  /** Arabic light stem of each Arabic word (proclitics and common suffixes stripped) as one more feature. */
  arStem?: boolean;
  /**
   * Keep digits in words that have a Latin letter (Arabizi: 7 = ح, 3 = ع, 2 = ء/ق, 5 = خ), so "3am" and
   * "7am" differ; digits of numbers are still folded to 0.
   */
  arabiziDigits?: boolean;
}

const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'].map((p) =>
  Array.from(p, (c) => c.charCodeAt(0)),
);
const AR_SUFFIXES = ['هما', 'كما', 'ها', 'هم', 'هن', 'نا', 'كم', 'ون', 'ين', 'ات', 'ان', 'يه', 'ه', 'ي'].map((p) =>
  Array.from(p, (c) => c.charCodeAt(0)),
);
const STEM_SEED = 0x3c6ef372;

const hasAt = (w: Uint16Array, from: number, affix: number[]) => affix.every((c, i) => w[from + i] === c);

/** Light stem of word[0..len) when it is Arabic: one proclitic and one suffix off, at least 3 letters kept. */
function stemHash(w: Uint16Array, len: number): number {
  if (w[0] < 0x0600 || w[0] > 0x06ff) return -1;
  let a = 0;
  let z = len;
  for (const p of AR_PREFIXES)
    if (len - p.length >= 3 && hasAt(w, 0, p)) {
      a = p.length;
      break;
    }
  for (const s of AR_SUFFIXES)
    if (z - a - s.length >= 3 && hasAt(w, z - s.length, s)) {
      z -= s.length;
      break;
    }
  let h = STEM_SEED;
  for (let j = a; j < z; j++) h = Math.imul(h ^ w[j], 0x01000193);
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const word = new Uint16Array(4096);

/**
 * Hashed features of a text: word unigrams, word bigrams and character 3..5-grams of each word
 * with boundary marks, plus one always-on feature. Returns bucket ids (duplicates allowed) in `out`.
 */
export function featurize(text: string, out: number[] = [], opts: FeatureOptions = {}): number[] {
  out.length = 0;
  const t = classifierText(text);
  let prev = FNV_OFFSET ^ 0x5bd1e995;
  let len = 0;
  const keepDigits = opts.arabiziDigits === true;
  let latin = false;
  for (let i = 0; i <= t.length; i++) {
    let c = i < t.length ? t.charCodeAt(i) : 32;
    if (isWordChar(c)) {
      if (c >= 48 && c <= 57) {
        if (!keepDigits) c = 48;
      } else if (c >= 97 && c <= 122) latin = true;
      if (len < word.length - 1) word[len++] = c;
      continue;
    }
    if (len === 0) continue;
    if (keepDigits) {
      if (!latin) for (let j = 0; j < len; j++) if (word[j] >= 48 && word[j] <= 57) word[j] = 48;
      latin = false;
    }
    let hw = FNV_OFFSET;
    for (let j = 0; j < len; j++) hw = Math.imul(hw ^ word[j], FNV_PRIME);
    hw >>>= 0;
    out.push(hw & MASK);
    out.push((Math.imul(prev ^ hw, FNV_PRIME) ^ 0x9e3779b9) & MASK);
    prev = hw;
    if (opts.arStem) {
      const st = stemHash(word, len);
      if (st >= 0) out.push(st & MASK);
    }
    // char n-grams over "<w>": boundaries are codes 1 and 2
    const n = len + 2;
    if (n >= 4) {
      for (let a = 0; a < n - 2; a++) {
        let h = 0x2c1b3c6d;
        const end = Math.min(n, a + 5);
        for (let j = a; j < end; j++) {
          const ch = j === 0 ? 1 : j === n - 1 ? 2 : word[j - 1];
          h = Math.imul(h ^ ch, FNV_PRIME);
          if (j - a >= 2) out.push((h ^ (j - a)) & MASK);
        }
      }
    }
    len = 0;
  }
  out.push(MASK);
  return out;
}

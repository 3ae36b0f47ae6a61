import { normalizeArabic } from '../../core/arabic-normalize.ts';

/** Number of hashed feature buckets (a power of two). Changing it needs a retrain. */
export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;
const MASK = FEATURE_DIM - 1;

const URL_RE = /https?:\/\/\S+|www\.\S+/g;
const MENTION_RE = /@\w+/g;
const ASCII_RE = /^[\x00-\x7f]*$/;
const TOKEN_RE = /[\p{L}\p{M}\p{N}_]+/gu;
const DIGITS_RE = /\d+/g;

/** Text as the classifier sees it: normalized Arabic, lowercase, URLs and mentions folded. */
export function classifierText(text: string): string {
  const t = ASCII_RE.test(text) ? text.toLowerCase() : normalizeArabic(text);
  return t.replace(URL_RE, ' httpurl ').replace(MENTION_RE, ' @user ').replace(DIGITS_RE, '0');
}

export function classifierTokens(text: string): string[] {
  return classifierText(text).match(TOKEN_RE) ?? [];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * Hashed features of a text: word unigrams, word bigrams and character 3..5-grams of each
 * word with boundary marks. Returns bucket ids (duplicates allowed) into `out`.
 */
export function featurize(text: string, out: number[] = []): number[] {
  out.length = 0;
  const toks = classifierTokens(text);
  let prev = FNV_OFFSET ^ 0x5bd1e995;
  for (let ti = 0; ti < toks.length; ti++) {
    const w = toks[ti];
    const hw = hashString(w, FNV_OFFSET);
    out.push(hw & MASK);
    out.push((Math.imul(prev ^ hw, FNV_PRIME) ^ 0x9e3779b9) & MASK);
    prev = hw;
    // char n-grams over "<w>": boundaries marked with code 1 and 2
    const n = w.length + 2;
    if (n < 4) continue;
    for (let i = 0; i < n - 2; i++) {
      let h = 0x2c1b3c6d;
      for (let j = i; j < n && j < i + 5; j++) {
        const c = j === 0 ? 1 : j === n - 1 ? 2 : w.charCodeAt(j - 1);
        h = Math.imul(h ^ c, FNV_PRIME);
        if (j - i >= 2) out.push((h ^ (j - i)) & MASK);
      }
    }
  }
  out.push(MASK); // bias-like always-on feature
  return out;
}

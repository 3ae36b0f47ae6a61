import { arabicLightStem, normalizeArabic } from '../../core/arabic-normalize.ts';
import type { QueryTerm } from './query-terms.ts';

const WORD = /[\p{L}\p{M}\p{N}\u0640]+/gu;

function matches(word: string, terms: QueryTerm[]): boolean {
  const norm = normalizeArabic(word);
  const stem = arabicLightStem(norm);
  return terms.some(
    (t) => norm.startsWith(t.token) || stem.startsWith(t.stem) || (t.stem.length >= 3 && norm.includes(t.stem)),
  );
}

/** A matched word: UTF-16 offsets into the excerpt, end exclusive. */
export interface Mark {
  start: number;
  end: number;
}

/**
 * Plain text around the first match, and where each matching word sits in it. The text is the
 * original (Arabic keeps its diacritics) and carries no markers, so a message that itself contains
 * brackets is shown as written. Without terms or matches, the start of the text and no marks.
 */
export function makeExcerpt(text: string, terms: QueryTerm[], width = 160): { excerpt: string; marks: Mark[] } {
  const found: Mark[] = [];
  if (terms.length > 0) {
    for (const m of text.matchAll(WORD)) {
      if (matches(m[0], terms)) found.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  if (found.length === 0) {
    return { excerpt: text.length > width ? `${text.slice(0, width)}…` : text, marks: [] };
  }
  const from = Math.max(0, found[0].start - Math.floor(width / 3));
  const to = Math.min(text.length, from + width);
  const lead = from > 0 ? '…' : '';
  const marks = found
    .filter(({ start, end }) => start >= from && end <= to)
    .map(({ start, end }) => ({ start: start - from + lead.length, end: end - from + lead.length }));
  return { excerpt: `${lead}${text.slice(from, to)}${to < text.length ? '…' : ''}`, marks };
}

/** The excerpt with every mark wrapped in [[ ]]: for terminals and older API clients. */
export function withBrackets({ excerpt, marks }: { excerpt: string; marks: Mark[] }): string {
  let out = '';
  let pos = 0;
  for (const { start, end } of marks) {
    out += `${excerpt.slice(pos, start)}[[${excerpt.slice(start, end)}]]`;
    pos = end;
  }
  return out + excerpt.slice(pos);
}

/** Text around the first match with every matching word wrapped in [[ ]] (see makeExcerpt). */
export function makeSnippet(text: string, terms: QueryTerm[], width = 160): string {
  return withBrackets(makeExcerpt(text, terms, width));
}

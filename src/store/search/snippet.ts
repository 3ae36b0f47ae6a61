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

/**
 * Text around the first match with every matching word wrapped in [[ ]], computed from the original
 * text so Arabic keeps its diacritics. Without terms, the start of the text.
 */
export function makeSnippet(text: string, terms: QueryTerm[], width = 160): string {
  if (terms.length === 0) return text.length > width ? `${text.slice(0, width)}…` : text;
  const marks: { start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    if (matches(m[0], terms)) marks.push({ start: m.index, end: m.index + m[0].length });
  }
  if (marks.length === 0) return text.length > width ? `${text.slice(0, width)}…` : text;
  const from = Math.max(0, marks[0].start - Math.floor(width / 3));
  const to = Math.min(text.length, from + width);
  let out = '';
  let pos = from;
  for (const { start, end } of marks) {
    if (start < from || end > to) continue;
    out += `${text.slice(pos, start)}[[${text.slice(start, end)}]]`;
    pos = end;
  }
  out += text.slice(pos, to);
  return `${from > 0 ? '…' : ''}${out}${to < text.length ? '…' : ''}`;
}

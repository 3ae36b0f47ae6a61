import { Fragment } from 'react';

/**
 * An excerpt with its matching words as <mark> elements, placed by the offsets the server sends
 * (never by parsing markers out of the text, so brackets a person wrote are shown as written).
 * Everything stays text: React escapes it, and nothing here builds HTML from a string.
 */
export function Highlight({ excerpt, marks }: { excerpt: string; marks: { start: number; end: number }[] }) {
  const parts: { text: string; start: number; marked: boolean }[] = [];
  let pos = 0;
  for (const { start, end } of marks) {
    if (start < pos || end > excerpt.length || end <= start) continue;
    if (start > pos) parts.push({ text: excerpt.slice(pos, start), start: pos, marked: false });
    parts.push({ text: excerpt.slice(start, end), start, marked: true });
    pos = end;
  }
  if (pos < excerpt.length) parts.push({ text: excerpt.slice(pos), start: pos, marked: false });
  return (
    <>
      {parts.map(({ text, start, marked }) =>
        marked ? <mark key={start}>{text}</mark> : <Fragment key={start}>{text}</Fragment>,
      )}
    </>
  );
}

import { Fragment } from 'react';

/**
 * The store marks matches as [[ ]] in snippets; they become <mark> elements. Everything stays text:
 * React escapes it, and nothing here builds HTML from a string.
 */
export function Highlight({ snippet }: { snippet: string }) {
  let at = 0;
  const parts = snippet.split(/(\[\[.*?\]\])/s).map((text) => {
    const part = { text, start: at };
    at += text.length;
    return part;
  });
  return (
    <>
      {parts.map(({ text, start }) =>
        text.startsWith('[[') && text.endsWith(']]') ? (
          <mark key={start}>{text.slice(2, -2)}</mark>
        ) : (
          <Fragment key={start}>{text}</Fragment>
        ),
      )}
    </>
  );
}

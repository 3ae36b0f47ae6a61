import { Fragment } from 'react';

/**
 * The store marks matches as [[ ]] in snippets; they become <mark> elements. Everything stays text:
 * React escapes it, and nothing here builds HTML from a string.
 */
export function Highlight({ snippet }: { snippet: string }) {
  const parts = snippet.split(/(\[\[.*?\]\])/s);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('[[') && p.endsWith(']]') ? (
          <mark key={i}>{p.slice(2, -2)}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}

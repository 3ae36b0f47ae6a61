// The digest section of bench/RESULTS.md: its prose (profiles, what remains) written by hand, its table of
// runs written by bench/digest.ts (one row a corpus size), carried over by `npm run bench`, which rewrites
// the rest of the file.

export const DIGEST_HEADING = '## vigil digest';

/** The digest section of a RESULTS.md text, up to the next section, or '' when it has none. */
export function digestSection(results: string): string {
  const at = results.indexOf(`\n${DIGEST_HEADING}`);
  if (at < 0) return '';
  const next = results.indexOf('\n## ', at + 1);
  return results.slice(at + 1, next < 0 ? undefined : next).trimEnd();
}

const runsStart = (n: number) => `<!-- digest bench ${n} -->`;
const runsEnd = (n: number) => `<!-- /digest bench ${n} -->`;

/**
 * RESULTS.md with the digest bench's block for `messages` replaced (or added at the end of the digest
 * section, which is created when missing). The prose around it is kept.
 */
export function withDigestRun(results: string, messages: number, block: string): string {
  const marked = `${runsStart(messages)}\n${block.trim()}\n${runsEnd(messages)}`;
  const from = results.indexOf(runsStart(messages));
  const to = results.indexOf(runsEnd(messages));
  if (from >= 0 && to > from) return results.slice(0, from) + marked + results.slice(to + runsEnd(messages).length);
  const section = digestSection(results);
  if (!section) return `${results.trimEnd()}\n\n${DIGEST_HEADING}\n\n${marked}\n`;
  return results.replace(section, `${section}\n\n${marked}`);
}

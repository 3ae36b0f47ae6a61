// The digest section of bench/RESULTS.md: measured by bench/digest.ts and pasted in by hand, so
// `npm run bench` (which rewrites the file) carries it over instead of dropping it.

export const DIGEST_HEADING = '## vigil digest';

/** The digest section of a RESULTS.md text, up to the next section, or '' when it has none. */
export function digestSection(results: string): string {
  const at = results.indexOf(`\n${DIGEST_HEADING}`);
  if (at < 0) return '';
  const next = results.indexOf('\n## ', at + 1);
  return results.slice(at + 1, next < 0 ? undefined : next).trimEnd();
}

// The Store.stats() section of bench/RESULTS.md: measured by bench/stats.ts and pasted in by hand, so
// `npm run bench` (which rewrites the file) carries it over instead of dropping it.

export const STATS_HEADING = '## Store.stats()';

/** The stats section of a RESULTS.md text, up to the next section, or '' when it has none. */
export function statsSection(results: string): string {
  const at = results.indexOf(`\n${STATS_HEADING}`);
  if (at < 0) return '';
  const next = results.indexOf('\n## ', at + 1);
  return results.slice(at + 1, next < 0 ? undefined : next).trimEnd();
}

/** The import profile (issue 18), written by hand from bench/profile-summary.ts output and carried over. */
export const PROFILE_HEADING = '## Import profile';

/** A hand-written section of a RESULTS.md text, from its heading up to the next section, or ''. */
export function keptSection(results: string, heading: string): string {
  const at = results.indexOf(`\n${heading}`);
  if (at < 0) return '';
  const next = results.indexOf('\n## ', at + 1);
  return results.slice(at + 1, next < 0 ? undefined : next).trimEnd();
}

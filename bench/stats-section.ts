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

/**
 * Every `## ` section of a RESULTS.md text, in order, except those whose heading starts with one of `except`
 * (the ones this run writes again); '' when none. The text before the first section (the run's own
 * figures) is not included.
 */
export function carriedSections(results: string, except: readonly string[]): string {
  const starts: number[] = [];
  for (let at = results.indexOf('\n## '); at >= 0; at = results.indexOf('\n## ', at + 1)) starts.push(at + 1);
  return starts
    .map((start, i) => results.slice(start, starts[i + 1]).trimEnd())
    .filter((section) => !except.some((h) => section.startsWith(h)))
    .join('\n\n');
}

// The live collection section of bench/RESULTS.md: written by bench/live-collection.ts (alone or as the
// last section of `npm run bench`), carried over when bench/run.ts rewrites the file. Its own module so
// run.ts can name it without loading the live bench.
export const LIVE_HEADING = '## Live collection';

/** Hand-written notes on the live figures (before/after comparisons), carried over like the section. */
export const LIVE_NOTES_HEADING = '## Notes on live collection';

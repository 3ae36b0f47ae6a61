// The blob store section of bench/RESULTS.md: written by bench/blob-store.ts, carried over by
// `npm run bench` (which rewrites the file) like the other sections.

export const BLOBS_HEADING = '## Blob store: folder and S3';

/** The blob store section of a RESULTS.md text, up to the next section, or '' when it has none. */
export function blobsSection(results: string): string {
  const at = results.indexOf(`\n${BLOBS_HEADING}`);
  if (at < 0) return '';
  const next = results.indexOf('\n## ', at + 1);
  return results.slice(at + 1, next < 0 ? undefined : next).trimEnd();
}

/** RESULTS.md with this section in place of the old one (or appended). */
export function withBlobsSection(results: string, section: string): string {
  const old = blobsSection(results);
  if (old) return results.replace(old, section.trimEnd());
  return `${results.trimEnd()}\n\n${section.trimEnd()}\n`;
}

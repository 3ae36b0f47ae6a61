// The capture section of bench/RESULTS.md: written by bench/capture.ts (run alone, or by `npm run bench`
// in its own process), carried over when `npm run bench` rewrites the file.

export const CAPTURE_HEADING = '## Capture';

/** The capture section of a RESULTS.md text, up to the next section, or '' when it has none. */
export function captureSection(results: string): string {
  const at = results.indexOf(`\n${CAPTURE_HEADING}\n`);
  if (at < 0) return '';
  const next = results.indexOf('\n## ', at + 1);
  return results.slice(at + 1, next < 0 ? undefined : next).trimEnd();
}

/** RESULTS.md with this section in place of the old one (or appended). */
export function withCaptureSection(results: string, section: string): string {
  const old = captureSection(results);
  if (old) return results.replace(old, section.trimEnd());
  return `${results.trimEnd()}\n\n${section.trimEnd()}\n`;
}

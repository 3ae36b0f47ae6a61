import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { ImportSummary } from '../pipeline/summary.ts';

/** Bytes this process has read so far (Linux); used to move the bar through the input file. */
function bytesRead(): number | undefined {
  try {
    const m = /^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** A progress bar on stderr for interactive imports: input bytes when known, message counts always. */
export function createProgress(totalBytes?: number) {
  const base = bytesRead();
  const byBytes = totalBytes !== undefined && base !== undefined && totalBytes > 0;
  const bar = new cliProgress.SingleBar(
    {
      format: byBytes
        ? 'importing |{bar}| {percentage}% | {read} read, {new} new, {rejected} rejected | {rate}/s'
        : 'importing {read} read, {new} new, {rejected} rejected | {rate}/s',
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  // The blob copy reads the file once before parsing reads it again.
  const total = byBytes ? totalBytes * 2 : 1;
  bar.start(total, 0, { read: 0, new: 0, rejected: 0, rate: 0 });
  return {
    update(s: ImportSummary) {
      const now = bytesRead();
      const value = byBytes && now !== undefined ? Math.min(total, now - base!) : 0;
      const rate = Math.round(s.read / Math.max(0.001, (Date.now() - started) / 1000));
      bar.update(value, { read: s.read, new: s.new, rejected: s.rejected, rate });
    },
    stop() {
      bar.stop();
    },
  };
}

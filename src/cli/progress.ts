import cliProgress from 'cli-progress';
import type { ImportSummary } from '../pipeline/summary.ts';

/**
 * A progress bar on stderr for interactive imports: through the input's bytes when the source reports
 * how far it has read, otherwise a running count.
 */
export function createProgress(totalBytes?: number) {
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  const start = (byBytes: boolean) => {
    bar = new cliProgress.SingleBar(
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
    bar.start(byBytes ? totalBytes! : 1, 0, { read: 0, new: 0, rejected: 0, rate: 0 });
  };
  return {
    update(s: ImportSummary) {
      const byBytes = s.bytesRead !== undefined && totalBytes !== undefined && totalBytes > 0;
      if (!bar) start(byBytes);
      const rate = Math.round(s.read / Math.max(0.001, (Date.now() - started) / 1000));
      bar!.update(byBytes ? Math.min(totalBytes!, s.bytesRead!) : 0, {
        read: s.read,
        new: s.new,
        rejected: s.rejected,
        rate,
      });
    },
    stop() {
      bar?.stop();
    },
  };
}

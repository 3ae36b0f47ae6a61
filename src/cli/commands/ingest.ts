import type { Command } from 'commander';
import { ingestStream } from '../../pipeline/ingest.ts';
import { printJson, withContext } from '../context.ts';
import { formatSummary } from './import.ts';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'read JSONL messages (the minimal shape) from stdin as they arrive; each is searchable within a second',
    )
    .option('--flush-ms <ms>', 'longest a message waits before it is committed', '200')
    .option('--json', 'print the final summary as JSON')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          const summary = await ingestStream(ctx, process.stdin, {
            flushMs: Number(opts.flushMs),
            signal: controller.signal,
          });
          if (opts.json) printJson(summary);
          else process.stderr.write(`${formatSummary(summary)}\n`);
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      });
    });
}

import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { collectRound, type RoundEntry, runCollector } from '../../pipeline/collect/collector.ts';
import type { PipelineContext } from '../../pipeline/import.ts';
import { describeTime } from '../../watch/reason.ts';
import { printJson, withContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';

function line(e: RoundEntry): string {
  if (!e.ok)
    return `${e.follow.key}  ${e.health.state}: ${e.error}; next try ${describeTime(Date.parse(e.health.nextTryAt ?? ''))}\n`;
  const r = e.result;
  const rejected = r?.rejected.length
    ? `, ${r.rejected.length} unreadable (${r.rejected[0].place}: ${r.rejected[0].reason})`
    : '';
  return `${e.follow.key}  ok: ${r?.captured ?? 0} new or changed, ${r?.unchanged ?? 0} unchanged, ${r?.pages ?? 0} responses${rejected}\n`;
}

/**
 * Live collection beside another command (`vigil watch --collect`, `vigil serve --collect`): one line
 * per follow polled on stdout; a crash of the collector is reported and does not end the host command.
 */
export function startCollecting(ctx: PipelineContext, signal: AbortSignal): Promise<void> {
  process.stderr.write('collecting live sources in this process (vigil sources shows their health)\n');
  return runCollector(ctx, {
    signal,
    onResult: (e) => process.stdout.write(`${describeTime(Date.now())}  collect ${line(e)}`),
  }).catch((err: unknown) => {
    process.stderr.write(`live collection stopped: ${(err as Error).message ?? err}\n`);
  });
}

export function registerCollect(program: Command): void {
  program
    .command('collect')
    .description('poll every followed account and feed on its own schedule until Ctrl-C (backfill on the first run)')
    .option('--once', 'one round of every follow, then exit (0 when all answered, 6 when some did not)')
    .option('--backfill-pages <n>', 'pages read backwards on a follow’s first run', '5')
    .option('--json', 'with --once: the round as JSON')
    .action(async (opts, cmd: Command) => {
      const backfillPages = Number(opts.backfillPages);
      if (!Number.isInteger(backfillPages) || backfillPages < 1)
        throw new UsageError(
          `--backfill-pages: expected a whole number ≥ 1, got ${opts.backfillPages}`,
          opts.backfillPages,
        );
      await withContext(cmd, async (ctx) => {
        if (opts.once) {
          const entries = await collectRound(ctx, {
            backfillPages,
            onResult: opts.json ? undefined : (e) => process.stdout.write(line(e)),
          });
          if (opts.json)
            printJson(
              entries.map((e) => ({
                follow: e.follow.key,
                ok: e.ok,
                error: e.error,
                result: e.result,
                health: e.health,
              })),
            );
          if (entries.length === 0)
            process.stderr.write(
              'Nothing followed yet. Follow an account with: vigil follow add mastodon:user@instance\n',
            );
          if (entries.some((e) => !e.ok)) process.exitCode = EXIT.sourcesFailed;
          return;
        }
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        process.stderr.write('collecting; Ctrl-C to stop\n');
        try {
          await runCollector(ctx, {
            backfillPages,
            signal: controller.signal,
            onResult: (e) => process.stdout.write(`${describeTime(Date.now())}  ${line(e)}`),
          });
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      });
    });
}

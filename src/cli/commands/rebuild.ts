import type { Command } from 'commander';
import { printJson, withContext } from '../context.ts';

export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description('drop every working table and rebuild it from the ledger (the ledger and blobs are untouched)')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const started = Date.now();
        const { events } = await ctx.store.rebuild();
        const stats = await ctx.store.stats();
        const out = { events, messages: stats.messages, seconds: (Date.now() - started) / 1000 };
        if (opts.json) printJson(out);
        else
          process.stdout.write(
            `Rebuilt from ${events} ledger events: ${stats.messages} messages, in ${out.seconds.toFixed(1)} s.\n`,
          );
      });
    });
}

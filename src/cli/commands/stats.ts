import type { Command } from 'commander';
import { printJson, withContext } from '../context.ts';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('counts: messages, authors, ledger events, by platform and language')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const s = await ctx.store.stats();
        if (opts.json) return printJson({ store: ctx.store.location, ...s });
        const kv = (o: Record<string, number>) =>
          Object.entries(o)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v}`)
            .join(', ');
        process.stdout.write(
          [
            `store          ${ctx.store.location}`,
            `messages       ${s.messages} from ${s.authors} accounts`,
            `ledger events  ${s.ledgerEvents}`,
            `platforms      ${kv(s.byPlatform)}`,
            `languages      ${kv(s.byLanguage)}`,
            `posted         ${s.firstPostedAt ?? '-'} … ${s.lastPostedAt ?? '-'}`,
            '',
          ].join('\n'),
        );
      });
    });
}

import type { Command } from 'commander';
import { sourceReport } from '../../pipeline/collect/source-report.ts';
import { describeTime } from '../../watch/reason.ts';
import { printJson, withContext } from '../context.ts';

const when = (iso: string | undefined) => (iso ? describeTime(Date.parse(iso)) : 'never');

export function registerSources(program: Command): void {
  program
    .command('sources')
    .description('health of live collection: per platform and per followed account')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const report = await sourceReport(ctx.store);
        if (opts.json) return printJson(report);
        if (report.follows.length === 0) {
          process.stdout.write(
            'Nothing followed yet. Follow an account with: vigil follow add mastodon:user@instance\n',
          );
          return;
        }
        for (const p of report.platforms)
          process.stdout.write(
            `${p.platform}: ${p.state}  ${p.follows} followed (${Object.entries(p.byState)
              .map(([s, n]) => `${n} ${s}`)
              .join(', ')})  items: ${p.itemsLastHour} last hour, ${p.itemsLastDay} last day\n`,
          );
        process.stdout.write('\n');
        for (const f of [...report.streams, ...report.follows]) {
          process.stdout.write(`${f.key}  ${f.state}${f.person ? `  (${f.person.name})` : ''}\n`);
          process.stdout.write(
            `    last success ${when(f.lastSuccessAt)}; next try ${when(f.nextTryAt)}; items ${f.itemsLastHour} last hour, ${f.itemsLastDay} last day\n`,
          );
          if (f.lastError) process.stdout.write(`    last error ${when(f.lastErrorAt)}: ${f.lastError}\n`);
        }
      });
    });
}

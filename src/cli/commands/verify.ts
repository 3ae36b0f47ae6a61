import type { Command } from 'commander';
import { verifyAll } from '../../evidence/verify.ts';
import { printJson, withContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('walk the hash chain and re-hash every referenced blob; exit 3 naming the first break')
    .option('--json', 'print the report as JSON')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const report = await verifyAll(ctx.store, ctx.blobs);
        if (opts.json) printJson(report);
        else if (report.ok) {
          process.stdout.write(
            `OK: ${report.events} ledger events chain correctly; ${report.blobs} blobs match their hashes.\nHead ${report.head}\n`,
          );
        } else {
          const b = report.break!;
          process.stdout.write(
            `BROKEN at seq ${b.seq} (${b.where}): ${b.what}\n  expected ${b.expected}\n  found    ${b.found}\n` +
              `${report.events} events verified before the break.\n`,
          );
        }
        if (!report.ok) process.exitCode = EXIT.verifyFailed;
      });
    });
}

import type { Command } from 'commander';
import { dataDirOf, withContext } from '../context.ts';

/** `npm start`: the demo scenario on first run, then the dashboard. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('load the demo scenario into an empty data folder, then serve the dashboard')
    .option('--port <n>', 'port for the dashboard', process.env.PORT ?? '8080')
    .option('--no-serve', 'only load the demo')
    .action(async (opts, cmd: Command) => {
      const { main } = await import('../main.ts');
      const data = dataDirOf(cmd);
      const empty = await withContext(cmd, async (ctx) => (await ctx.store.stats()).messages === 0);
      const known = new Set(cmd.parent?.commands.map((c) => c.name()));
      if (empty && known.has('demo')) {
        process.stdout.write(`First run: building the demo scenario in ${data}\n`);
        const code = await main(['demo', '--data', data]);
        if (code !== 0) {
          process.exitCode = code;
          return;
        }
      } else if (!empty) process.stdout.write(`Using the data already in ${data} (vigil stats for counts).\n`);
      if (opts.serve && known.has('serve')) {
        process.exitCode = await main(['serve', '--data', data, '--port', String(opts.port)]);
      }
    });
}

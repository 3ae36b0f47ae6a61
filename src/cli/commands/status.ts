import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { statusJson } from '../../watch/board.ts';
import { describeTime } from '../../watch/reason.ts';
import { boardInstant, readReplayClock } from '../../watch/replay-clock.ts';
import { stateRank } from '../../watch/state-order.ts';
import { boardAt } from '../../watch/watchlist.ts';
import { auditCli } from '../audit.ts';
import { printJson, withContext } from '../context.ts';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('the watchlist board: who, state, last seen, since when, and why')
    .option('--at <time>', 'evaluate at a past moment (ISO 8601), to replay a scenario')
    .option('--now', "evaluate at real now even when the data folder's replay clock is on")
    .option('--json', 'print an array of {person, state, lastSeen, reason, outage, ...}')
    .action(async (opts, cmd: Command) => {
      const asked = opts.at === undefined ? undefined : Date.parse(opts.at);
      if (asked !== undefined && Number.isNaN(asked))
        throw new UsageError(`--at: not a date-time: ${opts.at}`, opts.at);
      await withContext(cmd, async (ctx) => {
        // Like the dashboard: --at, else the data folder's replay clock when it is on (the demo), else now.
        const { at, replay } =
          asked !== undefined
            ? { at: asked, replay: null }
            : opts.now
              ? { at: Date.now(), replay: null }
              : await boardInstant(ctx.store.db, (await readReplayClock(ctx.store.db)).clock, Date.now());
        const board = await boardAt(ctx.store, at);
        await auditCli(ctx, 'audit.person_viewed', { board: true, people: board.rows.map((r) => r.person.id) });
        const rows = [...board.rows].sort(
          (a, b) => stateRank(a.status.state) - stateRank(b.status.state) || a.person.name.localeCompare(b.person.name),
        );
        if (opts.json) return printJson(rows.map(statusJson));
        const w = (s: string) => process.stdout.write(`${s}\n`);
        w(`Watchlist at ${describeTime(at)}: ${rows.length} people`);
        if (replay)
          w(
            `(a replay: the data folder's replay clock is on, so this is the board at ${describeTime(at)}, not now; --now or \`vigil replay-clock off\` judges at now)`,
          );
        if (board.wideSilence) w(`!!! ${board.wideSilence.reason}`);
        for (const o of board.outages) w(`!! ${o.reason}`);
        if (rows.length === 0)
          w(
            'Nobody on the watchlist yet. Add someone with: vigil people add --name <name> --account <platform>:<handle>',
          );
        for (const r of rows) {
          const s = r.status;
          const last = s.lastSeen === undefined ? 'never' : describeTime(s.lastSeen);
          const since = s.since === undefined ? '' : `  since ${describeTime(s.since)}`;
          w(
            `${s.state.toUpperCase().padEnd(20)} ${r.person.name}${r.person.area ? ` (${r.person.area})` : ''}  last seen ${last}${since}`,
          );
          w(`${''.padEnd(21)}${s.reason}`);
        }
      });
    });
}

import type { Command } from 'commander';
import {
  parseReplayClock,
  type ReplayClockSetting,
  readReplayClock,
  setReplayClock,
} from '../../watch/replay-clock.ts';
import { printJson, withContext } from '../context.ts';
import { cliActor } from './users.ts';

export function describeReplayClock(s: ReplayClockSetting): string {
  const who = s.updatedAt ? ` (set by ${s.updatedBy} at ${s.updatedAt})` : '';
  if (s.clock.mode === 'off') return `replay clock off: the dashboard judges the watchlist at now${who}`;
  const when = s.clock.mode === 'at' ? s.clock.at : 'the newest message';
  return `replay clock on: the dashboard judges the watchlist at ${when}, not now, and says so${who}`;
}

export function registerReplayClock(program: Command): void {
  program
    .command('replay-clock [setting]')
    .description(
      'show or set when the dashboard judges the watchlist: off (now, the default), newest (the newest message) or an ISO 8601 instant',
    )
    .option('--json', 'print the setting as JSON')
    .action(async (setting: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const clock = setting === undefined ? undefined : parseReplayClock(setting);
      await withContext(cmd, async (ctx) => {
        const s = clock ? await setReplayClock(ctx.store, clock, cliActor()) : await readReplayClock(ctx.store.db);
        if (opts.json) printJson(s);
        else process.stdout.write(`${describeReplayClock(s)}\n`);
      });
    });
}

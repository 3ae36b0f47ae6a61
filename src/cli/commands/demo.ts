import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { parseAccount } from '../../core/person.ts';
import { DEMO_SEED } from '../../demo/generate.ts';
import { replayDemoAt } from '../../demo/replay.ts';
import { type DemoFiles, writeDemoFiles } from '../../demo/write.ts';
import { importPath } from '../../pipeline/import.ts';
import type { ImportSummary } from '../../pipeline/summary.ts';
import { listPeople } from '../../store/queries/people.ts';
import type { ReplayClockSetting } from '../../watch/replay-clock.ts';
import { addPerson } from '../../watch/watchlist.ts';
import { type CliContext, printJson, withContext } from '../context.ts';
import { formatSummary } from './import.ts';
import { describeReplayClock } from './replay-clock.ts';
import { cliActor } from './users.ts';

export interface DemoLoad {
  files: DemoFiles;
  import: ImportSummary;
  people: { watched: number; added: number };
  replay: ReplayClockSetting;
}

/**
 * Writes the generated demo into <data>/demo, imports its messages through the ordinary import
 * pipeline and puts its twenty people on the watchlist. Safe to run again: nothing is added twice.
 */
export async function loadDemo(ctx: CliContext, seed: number = DEMO_SEED): Promise<DemoLoad> {
  const files = await writeDemoFiles(join(ctx.dataDir, 'demo'), seed);
  const summary = await importPath(ctx, files.messagesPath, { format: 'jsonl', actor: 'demo' });
  const before = new Set((await listPeople(ctx.store.db)).map((p) => p.id));
  const at = new Date().toISOString();
  let added = 0;
  for (const p of files.scenario.people) {
    const input = {
      name: p.name,
      nameAr: p.nameAr,
      accounts: p.accounts.map(parseAccount),
      area: p.area,
      tags: p.tags,
    };
    const person = await addPerson(ctx.store, input, cliActor(), at);
    if (!before.has(person.id)) added++;
  }
  const replay = await replayDemoAt(ctx.store, files.scenario.facts.end, 'demo');
  return { files, import: summary, people: { watched: files.scenario.people.length, added }, replay };
}

function parseSeed(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new UsageError(`--seed: expected a whole number, got ${v}`, v);
  return n;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('build the generated demo scenario (fictional people, eastern Aleppo, December 2016) and load it')
    .option('--seed <n>', 'seed of the generator: the same seed gives the same scenario', parseSeed, DEMO_SEED)
    .option('--json', 'print what was loaded as one JSON object')
    .action(async (opts: { seed: number; json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const load = await loadDemo(ctx, opts.seed);
        const { facts } = load.files.scenario;
        if (opts.json) {
          printJson({
            dir: load.files.dir,
            seed: opts.seed,
            import: load.import,
            people: load.people,
            replayClock: load.replay.clock,
            facts,
          });
          return;
        }
        const out = [
          load.files.scenario.notice,
          `Wrote ${load.files.dir} (seed ${opts.seed}).`,
          formatSummary(load.import),
          `Watchlist: ${load.people.watched} demo people (${load.people.added} new).`,
          `Dashboard: ${describeReplayClock(load.replay)}. Judge at now with: vigil replay-clock off`,
          '',
          `The scenario runs from ${facts.start} to ${facts.end}. Replay it with vigil status --at <time>:`,
          ...facts.checkpoints.map((c) => `  vigil status --at ${c.at}   # ${c.note}`),
        ];
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}

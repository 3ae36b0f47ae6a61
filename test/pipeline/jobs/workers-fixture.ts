import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { generateCorpus } from '../../../bench/generate-corpus.ts';
import { parseAccount } from '../../../src/core/person.ts';
import { writeDemoFiles } from '../../../src/demo/write.ts';
import type { Store } from '../../../src/store/contract.ts';
import { addPerson } from '../../../src/watch/watchlist.ts';

/** The end of the demo scenario: a board with alerts on it (silences, a farewell). */
export const WATCH_NOW = '2016-12-15T23:00:00+02:00';

/**
 * One JSONL export of `total` messages: the demo scenario's (whose people go on the watchlist, so the
 * run raises and delivers alerts) followed by the benchmark corpus generator's for the rest.
 */
export async function writeWorkersExport(dir: string, total: number) {
  const demo = await writeDemoFiles(join(dir, 'demo'));
  const path = join(dir, 'export.jsonl');
  const demoLines = readFileSync(demo.messagesPath, 'utf8');
  const demoCount = demoLines.split('\n').filter(Boolean).length;
  // the watchlist's people first, so every evaluation during the import sees their posts
  const corpus = join(dir, 'corpus.jsonl');
  await generateCorpus(corpus, Math.max(0, total - demoCount), 2016);
  writeFileSync(path, demoLines);
  await pipeline(createReadStream(corpus), createWriteStream(path, { flags: 'a' }));
  return { path, people: demo.scenario.people, messages: Math.max(total, demoCount) };
}

export async function watchDemoPeople(
  store: Store,
  people: Awaited<ReturnType<typeof writeWorkersExport>>['people'],
): Promise<void> {
  for (const p of people)
    await addPerson(
      store,
      { name: p.name, nameAr: p.nameAr, accounts: p.accounts.map(parseAccount), area: p.area, tags: p.tags },
      'test',
      '2016-12-01T00:00:00Z',
    );
}

/** Ledger events by kind. */
export async function eventCounts(store: Store): Promise<Record<string, number>> {
  const rows = await store.db
    .selectFrom('ledger')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

// `node --import tsx bench/watch-board.ts`: the watchlist board (what `vigil watch` computes every tick and the
// dashboard's watchlist shows) over BENCH_MESSAGES (default 200,000) on SQLite and, with BENCH_PG_URL or
// VIGIL_TEST_PG_URL, on a throwaway PostgreSQL database. 20 people, each with two accounts: one that posts in
// the corpus and one on another platform that does not. Prints a JSON line per store; writes nothing.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import type { Store } from '../src/store/contract.ts';
import { addPerson, boardAt } from '../src/watch/watchlist.ts';
import { generateCorpus } from './generate-corpus.ts';
import { type ImportResult, runImportChild } from './import-run.ts';
import { BENCH_PG_URL, withThrowawayDatabase } from './pg-database.ts';

const here = import.meta.dirname;
const N = Number(process.env.BENCH_MESSAGES ?? 200_000);
const PEOPLE = 20;
const ROUNDS = 5;
const work = join(here, 'corpus');
mkdirSync(work, { recursive: true });
const corpus = join(work, `messages-${N}.jsonl`);
const log = (s: string) => process.stderr.write(`${s}\n`);

if (!existsSync(corpus)) {
  log(`generating ${N} messages → ${corpus}`);
  await generateCorpus(corpus, N, 2016);
}

/** The first PEOPLE distinct authors in the corpus, with their platform, and the newest posting time. */
function castFromCorpus(): { people: { platform: string; handle: string }[]; newest: number } {
  const people = new Map<string, { platform: string; handle: string }>();
  let newest = 0;
  for (const line of readFileSync(corpus, 'utf8').split('\n')) {
    if (!line) continue;
    const m = JSON.parse(line) as { platform: string; author: { handle: string }; postedAt: string };
    newest = Math.max(newest, Date.parse(m.postedAt));
    if (people.size < PEOPLE)
      people.set(`${m.platform}:${m.author.handle}`, { platform: m.platform, handle: m.author.handle });
  }
  return { people: [...people.values()], newest };
}

async function measure(label: string, store: Store, imported: ImportResult) {
  try {
    const { people, newest } = castFromCorpus();
    for (const [i, p] of people.entries())
      await addPerson(
        store,
        {
          name: `Person ${i}`,
          accounts: [p, { platform: p.platform === 'telegram' ? 'twitter' : 'telegram', handle: `nobody_${i}` }],
        },
        'bench',
        new Date(newest).toISOString(),
      );
    const board = await boardAt(store, newest);
    const posts = board.rows.reduce((n, r) => n + (r.status.rhythm?.posts ?? 0), 0);
    if (board.rows.length !== people.length || posts === 0) throw new Error(`${label}: the board found no posts`);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      await boardAt(store, newest);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const run = {
      store: label,
      messages: imported.new,
      people: people.length,
      postsOnBoard: posts,
      boardMs: { p50: Math.round(times[Math.floor(ROUNDS / 2)]), max: Math.round(times[ROUNDS - 1]) },
    };
    process.stdout.write(`${JSON.stringify(run)}\n`);
    return run;
  } finally {
    await store.close();
  }
}

const sqliteDir = join(work, 'data-board-sqlite');
rmSync(sqliteDir, { recursive: true, force: true });
mkdirSync(sqliteDir, { recursive: true });
try {
  log(`SQLite import of ${N} messages`);
  const imported = await runImportChild('import-child.ts', [corpus, sqliteDir, 'none']);
  await measure('SQLite', await openVigilStore({ dataDir: sqliteDir }), imported);
} finally {
  rmSync(sqliteDir, { recursive: true, force: true });
}
if (BENCH_PG_URL) {
  const pgDir = join(work, 'data-board-pg');
  rmSync(pgDir, { recursive: true, force: true });
  mkdirSync(pgDir, { recursive: true });
  try {
    await withThrowawayDatabase(BENCH_PG_URL, async (url) => {
      log(`PostgreSQL import of ${N} messages`);
      const imported = await runImportChild('import-child-pg.ts', [corpus, pgDir, url, 'none']);
      await measure('PostgreSQL', await openVigilStore({ dataDir: pgDir, databaseUrl: url }), imported);
    });
  } finally {
    rmSync(pgDir, { recursive: true, force: true });
  }
}

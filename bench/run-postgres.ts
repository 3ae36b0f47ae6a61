// `node --import tsx bench/run-postgres.ts`: only the PostgreSQL part of `npm run bench`. Rewrites the
// PostgreSQL section of bench/RESULTS.md and keeps every other section. Needs BENCH_PG_URL or
// VIGIL_TEST_PG_URL; BENCH_PG_MESSAGES sets the size (default the whole corpus), BENCH_PG_SQLITE=0 skips the
// SQLite import of the same slice (it is skipped anyway at the corpus's full size: the tables above are that).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './generate-corpus.ts';
import { BENCH_PG_URL } from './pg-database.ts';
import { benchPostgres, pgMessages } from './postgres.ts';
import { POSTGRES_HEADING, postgresSection } from './postgres-section.ts';

if (!BENCH_PG_URL) throw new Error('set BENCH_PG_URL (or VIGIL_TEST_PG_URL) to a PostgreSQL server URL');
const here = import.meta.dirname;
const N = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const work = join(here, 'corpus');
mkdirSync(work, { recursive: true });
const corpus = join(work, `messages-${N}.jsonl`);
const log = (s: string) => process.stderr.write(`${s}\n`);
if (!existsSync(corpus)) {
  log(`generating ${N} messages → ${corpus}`);
  await generateCorpus(corpus, N, 2016);
}

const messages = pgMessages(N);
const whole = messages >= N;
const bench = await benchPostgres({
  serverUrl: BENCH_PG_URL,
  corpus,
  corpusMessages: N,
  messages,
  work,
  log,
  sqlite: whole || process.env.BENCH_PG_SQLITE === '0' ? 'skip' : 'measure',
});
const section = postgresSection(
  bench,
  whole
    ? 'SQLite at this size: the tables above, from the last full `npm run bench` (another run and load: compare with care).'
    : undefined,
);
const file = join(here, 'RESULTS.md');
const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
// Only this section is replaced; the sections after it (export, digest, ...) stay where they are.
const at = before.indexOf(`\n${POSTGRES_HEADING}`);
const next = at < 0 ? -1 : before.indexOf('\n## ', at + 1);
writeFileSync(
  file,
  at < 0
    ? `${before.trimEnd()}\n\n${section}`
    : `${before.slice(0, at).trimEnd()}\n\n${section.trimEnd()}\n${next < 0 ? '' : `${before.slice(next)}`}`,
);
process.stdout.write(section);

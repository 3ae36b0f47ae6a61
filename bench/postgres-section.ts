// The PostgreSQL section of bench/RESULTS.md, from benchPostgres's figures.
import os from 'node:os';
import type { PostgresBench } from './postgres.ts';
import type { LatencyRow } from './search-latency.ts';

export const POSTGRES_HEADING = '## PostgreSQL (team store)';

/** The README targets, set for SQLite at 1M messages. */
const TARGETS = { newest: 20, relevance: 100 } as const;

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => n.toFixed(1);
const ms = (r: LatencyRow | undefined) => (r ? `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}` : '–');

/** Plain words: whether a set of searches meets each target, and which query groups miss it. */
export function verdict(rows: LatencyRow[]): string {
  return (['newest', 'relevance'] as const)
    .map((order) => {
      const name = order === 'newest' ? 'newest-first' : 'ranked';
      const over = rows.filter((r) => r.label.endsWith(order) && r.p95 > TARGETS[order]);
      if (over.length === 0) return `meets the ${name} target (p95 ≤ ${TARGETS[order]} ms)`;
      const which = over.map((r) => `${r.label.replace(`, ${order}`, '')} ${r.p95.toFixed(0)} ms`).join(', ');
      return `**misses** the ${name} target (p95 ≤ ${TARGETS[order]} ms: ${which})`;
    })
    .join('; it ');
}

function statsNote(b: PostgresBench): string {
  if (b.autoAnalyzed)
    return 'the import refreshed the planner statistics itself at the end (`vigil import` does after 1,000 or more new messages)';
  const off = b.settings.some(([k, v]) => k === 'autovacuum' && v === 'off');
  return `the planner had no statistics on \`messages\` (${off ? 'autovacuum is off on this server' : 'autovacuum had not analyzed it yet'})`;
}

export function postgresSection(b: PostgresBench, sqliteNote?: string): string {
  const pgRun = b.postgres;
  const sq = b.sqlite;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  const sqCol = (s: string) => (sq ? ` ${s} |` : '');
  const size = f0(pgRun.total);
  return `${POSTGRES_HEADING}

The first ${f0(b.messages)} messages of the same corpus, imported into a throwaway PostgreSQL database (dropped
afterwards) by the same pipeline as \`vigil import\`, capture only, in its own process; then the same searches
as above. Run with \`BENCH_PG_URL\` (or \`VIGIL_TEST_PG_URL\`) set; \`BENCH_PG_MESSAGES\` changes the size (default:
the whole corpus); \`node --import tsx bench/run-postgres.ts\` runs this part alone and rewrites only this section.
PostgreSQL ${b.version} on the same machine over loopback TCP, as configured here (read with SHOW):
${b.settings.map(([k, v]) => `${k} ${v}`).join(', ')}.
Load average (1, 5, 15 min; ${os.cpus().length} cores) at the start ${load(b.loadBefore)}, at the end ${load(b.loadAfter)}.

Issue 18's PostgreSQL target: the whole import (\`vigil import\`'s pipeline in its own process, from spawning it to
its exit) at ≥ 0.4 of a bare COPY of the same rows into \`messages\` with its indexes (bench/pg-bare-copy.ts: rows
built and encoded beforehand, 1000 a transaction in key order, into the table as the migrations make it, GIN
indexes included), measured in the same run.

| issue 18 | result | target |
|---|---|---|
| bare COPY into messages, ${f0(b.bareCopy.rows)} rows | ${f0(b.bareCopy.perSecond)} rows/s | (the 1.0) |
| import, capture only, whole process ÷ bare COPY | ${(pgRun.import.new / pgRun.import.wholeSeconds / b.bareCopy.perSecond).toFixed(2)} (${f0(pgRun.import.new / pgRun.import.wholeSeconds)} msg/s; in process ${f0(pgRun.import.perSecond)}) | ≥ 0.4: ${pgRun.import.new / pgRun.import.wholeSeconds / b.bareCopy.perSecond >= 0.4 ? 'met' : '**not met**'} |

| measure | PostgreSQL |${sqCol('SQLite, same slice')}
|---|---|${sq ? '---|' : ''}
| import, capture only: ${f0(pgRun.import.new)} messages | ${f0(pgRun.import.perSecond)} msg/s in ${f1(pgRun.import.seconds)} s |${sqCol(sq ? `${f0(sq.import.perSecond)} msg/s in ${f1(sq.import.seconds)} s` : '')}
| peak RSS of the import process (the PostgreSQL server's memory is not counted) | ${f0(pgRun.import.maxRssMb)} MB |${sqCol(sq ? `${f0(sq.import.maxRssMb)} MB` : '')}
| size on disk after the import | ${f0(pgRun.sizeMb)} MB |${sqCol(sq ? `${f0(sq.sizeMb)} MB` : '')}

Search at ${size} messages, limit 20, p50 / p95 ms, the same queries and rounds as the SQLite table.
*As imported*: ${statsNote(b)}.
*After ANALYZE*: the same searches after another \`ANALYZE messages\` (a check that the import left nothing to gain).${b.explainMs ? `\nSearches over ${b.explainMs} ms logged their plans (auto_explain, row counts on, timing off) in this run, which adds a little to them.` : ''}

| query set | PostgreSQL as imported | PostgreSQL after ANALYZE |${sqCol(`SQLite at ${f0(sq?.total ?? 0)}`)} mean hits |
|---|---|---|${sq ? '---|' : ''}---|
${pgRun.rows
  .map(
    (r, i) =>
      `| ${r.label} | ${ms(r)} | ${ms(b.analyzedRows[i])} |${sqCol(ms(sq?.rows[i]))} ${r.meanHits.toFixed(1)} |`,
  )
  .join('\n')}

${sqliteNote ? `${sqliteNote}\n\n` : ''}Targets, set for SQLite at 1,000,000 messages; PostgreSQL at ${size} messages:

- as imported, it ${verdict(pgRun.rows)};
- after ANALYZE, it ${verdict(b.analyzedRows)}.
${b.messages < 1_000_000 ? `\nThis is ${f0(b.messages)} messages, not 1,000,000: meeting a target here does not mean meeting it at 1M.\n` : ''}
Newest-first on PostgreSQL has two plans: without statistics it fetches every match through the GIN index and
sorts them, so common words cost in proportion to their matches (0.4-0.8 s at 1M before imports refreshed the
statistics); with statistics it walks the primary key newest first and stops at the limit for a common word,
and fetches a rarer word's few matches through the GIN index (the search vector keeps ten times the default
statistics for this: before that, a rarer word whose matches were all old took p95 34 ms at 1M).
`;
}

import type { Store } from '../src/store/contract.ts';
import { CORPUS_QUERIES } from './generate-corpus.ts';

export interface LatencyRow {
  label: string;
  queries: number;
  p50: number;
  p95: number;
  meanHits: number;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Run each query `rounds` times after a warm-up and report p50/p95 in ms. */
export async function measureSearch(
  store: Store,
  label: string,
  queries: string[],
  order: 'newest' | 'relevance',
  rounds = 5,
): Promise<LatencyRow> {
  for (const q of queries) await store.search({ text: q, order, limit: 20 });
  const times: number[] = [];
  let hits = 0;
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      const res = await store.search({ text: q, order, limit: 20 });
      times.push(performance.now() - t);
      hits += res.length;
    }
  }
  times.sort((a, b) => a - b);
  return { label, queries: times.length, p50: pct(times, 50), p95: pct(times, 95), meanHits: hits / times.length };
}

const pick = (terms: 1 | 2, frequency?: 'common' | 'rarer') =>
  CORPUS_QUERIES.filter((q) => q.terms === terms && (!frequency || q.frequency === frequency)).map((q) => q.text);
/** The benchmark's query groups: one-term common, one-term rarer, two-term (bench/generate-corpus.ts). */
export const QUERY_GROUPS = { oneCommon: pick(1, 'common'), oneRare: pick(1, 'rarer'), twoTerm: pick(2) };

/** Every query group, newest first and then ranked: the rows of the search table in bench/RESULTS.md. */
export async function measureSearchGroups(store: Store): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const order of ['newest', 'relevance'] as const) {
    rows.push(await measureSearch(store, `1 term, common, ${order}`, QUERY_GROUPS.oneCommon, order));
    rows.push(await measureSearch(store, `1 term, rarer, ${order}`, QUERY_GROUPS.oneRare, order));
    rows.push(await measureSearch(store, `2 terms, ${order}`, QUERY_GROUPS.twoTerm, order));
  }
  return rows;
}

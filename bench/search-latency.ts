import type { Store } from '../src/store/contract.ts';

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

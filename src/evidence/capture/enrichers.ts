import type { Enricher } from './capture-url.ts';

export interface EnricherSet {
  list: Enricher[];
  /** Tools found (name -> version), and why a part will be skipped when its tool is missing. */
  notes: string[];
  close(): Promise<void>;
}

/** The enrichers this machine can run: found at run time, so a missing tool only narrows what is kept. */
export async function defaultEnrichers(_o: { screenshots: boolean }): Promise<EnricherSet> {
  return { list: [], notes: [], close: async () => {} };
}

import { UsageError } from '../core/errors.ts';
import { jsonlSource } from './jsonl.ts';
import type { ImportInput, Source } from './source.ts';

/** Every source, most specific first: detection takes the first that recognizes the input. */
export const sources: Source[] = [jsonlSource];

export function sourceByName(name: string): Source {
  const s = sources.find((x) => x.name === name);
  if (!s) throw new UsageError(`unknown format "${name}"; known: ${sources.map((x) => x.name).join(', ')}`, name);
  return s;
}

export async function detectSource(input: ImportInput): Promise<Source | undefined> {
  for (const s of sources) if (await s.detect(input)) return s;
  return undefined;
}

import { z } from 'zod';
import { CATEGORY_TO_FINE, Category as CategorySchema } from '../taxonomy.ts';
import type { TrainItem } from './sgd.ts';

export { CATEGORY_TO_FINE };

export const ConfirmationLine = z.object({ text: z.string(), category: CategorySchema });

/** JSONL of {text, category} (as `vigil label --export` writes) to weighted training items. */
export function confirmationsToItems(jsonl: string): (TrainItem & { source: string })[] {
  const out: (TrainItem & { source: string })[] = [];
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    const c = ConfirmationLine.parse(JSON.parse(line));
    const label = CATEGORY_TO_FINE[c.category];
    out.push({ text: c.text, label, source: 'confirmed', weight: 3 });
  }
  return out;
}

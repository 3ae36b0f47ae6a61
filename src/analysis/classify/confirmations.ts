import { z } from 'zod';
import { type Category, Category as CategorySchema, type FineLabel } from '../taxonomy.ts';
import type { TrainItem } from './sgd.ts';

/** Category a person confirmed, back to the classifier's label space (farewell and alive/safe have none). */
export const CATEGORY_TO_FINE: Partial<Record<Category, FineLabel>> = {
  request_for_help: 'requests_or_urgent_needs',
  injured_or_dead: 'injured_or_dead_people',
  infrastructure_damage: 'infrastructure_and_utility_damage',
  evacuation_or_ceasefire: 'displaced_people_and_evacuations',
  caution_and_advice: 'caution_and_advice',
  sympathy_and_support: 'sympathy_and_support',
  other_relevant: 'other_relevant_information',
  not_relevant: 'not_humanitarian',
};

export const ConfirmationLine = z.object({ text: z.string(), category: CategorySchema });

/** JSONL of {text, category} (as `vigil label --export` writes) to weighted training items. */
export function confirmationsToItems(jsonl: string): (TrainItem & { source: string })[] {
  const out: (TrainItem & { source: string })[] = [];
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    const c = ConfirmationLine.parse(JSON.parse(line));
    const label = CATEGORY_TO_FINE[c.category];
    if (label) out.push({ text: c.text, label, source: 'confirmed', weight: 3 });
  }
  return out;
}

import { z } from 'zod';

/** Vigil's triage categories (docs/TAXONOMY.md). */
export const Category = z.enum([
  'request_for_help',
  'injured_or_dead',
  'infrastructure_damage',
  'evacuation_or_ceasefire',
  'caution_and_advice',
  'sympathy_and_support',
  'farewell',
  'alive_and_safe',
  'going_offline',
  'other_relevant',
  'not_relevant',
]);
export type Category = z.infer<typeof Category>;
export const CATEGORIES: readonly Category[] = Category.options;

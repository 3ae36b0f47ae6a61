import type { Category } from '../core/category.ts';

/** Vigil's triage categories are ledger payload values, so they live in core; re-exported for the domain. */
export { CATEGORIES, Category } from '../core/category.ts';

/**
 * The classifier's own label space: HumAID's 10 classes, then the three that only our own conflict
 * data teaches (farewell, alive and safe, going offline). Every training set is mapped into it, so
 * HumAID test can be scored on its original classes (the first 10), and it is folded into Category below.
 */
export const FINE_LABELS = [
  'requests_or_urgent_needs',
  'injured_or_dead_people',
  'missing_or_found_people',
  'rescue_volunteering_or_donation_effort',
  'displaced_people_and_evacuations',
  'infrastructure_and_utility_damage',
  'caution_and_advice',
  'sympathy_and_support',
  'other_relevant_information',
  'not_humanitarian',
  'farewell',
  'alive_and_safe',
  'going_offline',
] as const;
export type FineLabel = (typeof FINE_LABELS)[number];
/** HumAID's own classes: the first ten fine labels. */
export const HUMAID_CLASS_COUNT = 10;

export const FINE_TO_CATEGORY: Record<FineLabel, Category> = {
  requests_or_urgent_needs: 'request_for_help',
  injured_or_dead_people: 'injured_or_dead',
  missing_or_found_people: 'request_for_help',
  rescue_volunteering_or_donation_effort: 'other_relevant',
  displaced_people_and_evacuations: 'evacuation_or_ceasefire',
  infrastructure_and_utility_damage: 'infrastructure_damage',
  caution_and_advice: 'caution_and_advice',
  sympathy_and_support: 'sympathy_and_support',
  other_relevant_information: 'other_relevant',
  not_humanitarian: 'not_relevant',
  farewell: 'farewell',
  alive_and_safe: 'alive_and_safe',
  going_offline: 'going_offline',
};

/** A Vigil category back in the classifier's label space (our own data and people's confirmations). */
export const CATEGORY_TO_FINE: Record<Category, FineLabel> = {
  request_for_help: 'requests_or_urgent_needs',
  injured_or_dead: 'injured_or_dead_people',
  infrastructure_damage: 'infrastructure_and_utility_damage',
  evacuation_or_ceasefire: 'displaced_people_and_evacuations',
  caution_and_advice: 'caution_and_advice',
  sympathy_and_support: 'sympathy_and_support',
  farewell: 'farewell',
  alive_and_safe: 'alive_and_safe',
  going_offline: 'going_offline',
  other_relevant: 'other_relevant_information',
  not_relevant: 'not_humanitarian',
};

export function isFineLabel(s: string): s is FineLabel {
  return (FINE_LABELS as readonly string[]).includes(s);
}

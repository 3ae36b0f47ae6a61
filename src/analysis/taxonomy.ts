import type { Category } from '../core/category.ts';

/** Vigil's triage categories are ledger payload values, so they live in core; re-exported for the domain. */
export { CATEGORIES, Category } from '../core/category.ts';

/**
 * The classifier's own label space: HumAID's 10 classes. Every training set is mapped into it,
 * so HumAID test can be scored on its original classes, and it is folded into Category below.
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
] as const;
export type FineLabel = (typeof FINE_LABELS)[number];

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
};

export function isFineLabel(s: string): s is FineLabel {
  return (FINE_LABELS as readonly string[]).includes(s);
}

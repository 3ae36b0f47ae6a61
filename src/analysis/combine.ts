import type { Prediction } from './classify/linear-model.ts';
import type { DetectorHits } from './detectors.ts';
import type { Casualty } from './extract/casualties.ts';
import { type Category, FINE_TO_CATEGORY, type FineLabel } from './taxonomy.ts';

export interface Triage {
  category: Category;
  confidence: number;
  /** The model's own label (HumAID class) before rules. */
  modelLabel: FineLabel;
  eyewitness: boolean;
  urgency: number;
  /** Which rule changed the model's category, if any. */
  rule?: string;
}

const BASE_URGENCY: Record<Category, number> = {
  farewell: 0.95,
  request_for_help: 0.8,
  injured_or_dead: 0.6,
  infrastructure_damage: 0.5,
  evacuation_or_ceasefire: 0.5,
  alive_and_safe: 0.45,
  going_offline: 0.4,
  caution_and_advice: 0.35,
  other_relevant: 0.2,
  sympathy_and_support: 0.1,
  not_relevant: 0,
};

const WEAK: ReadonlySet<Category> = new Set([
  'other_relevant',
  'caution_and_advice',
  'not_relevant',
  'sympathy_and_support',
]);

/** Primary-label order when a message is several things at once (a plea outranks a farewell, ...). */
export const CATEGORY_PRIORITY: readonly Category[] = [
  'request_for_help',
  'farewell',
  'going_offline',
  'alive_and_safe',
  'injured_or_dead',
  'infrastructure_damage',
  'evacuation_or_ceasefire',
  'caution_and_advice',
  'sympathy_and_support',
  'other_relevant',
  'not_relevant',
];
const outranks = (a: Category, b: Category) => CATEGORY_PRIORITY.indexOf(a) < CATEGORY_PRIORITY.indexOf(b);

/**
 * The model suggests; rules for farewells, alive/safe updates, pleas and ceasefires lift its category,
 * but never to one that ranks below what the model already said (the model's farewell stays a farewell
 * when the text also says "we are alive").
 */
export function combine(pred: Prediction, hits: DetectorHits, casualties: Casualty[]): Triage {
  let category = FINE_TO_CATEGORY[pred.label];
  let confidence = pred.confidence;
  let rule: string | undefined;
  const set = (c: Category, conf: number, r: string) => {
    category = c;
    confidence = conf;
    rule = r;
  };
  if (hits.plea && category !== 'request_for_help') set('request_for_help', Math.max(0.7, confidence), 'plea');
  else if (hits.farewell && outranks('farewell', category)) set('farewell', 0.85, 'farewell');
  else if (hits.aliveSafe && hits.firstPerson && outranks('alive_and_safe', category))
    set('alive_and_safe', 0.8, 'alive_and_safe');
  else if (hits.ceasefire && WEAK.has(category)) set('evacuation_or_ceasefire', 0.7, 'ceasefire');
  else if (WEAK.has(category) && casualties.some((c) => c.kind !== 'missing' && c.count > 0))
    set('injured_or_dead', 0.65, 'casualty_figures');
  else if (WEAK.has(category) && hits.victims && category !== 'sympathy_and_support')
    set('injured_or_dead', 0.55, 'victims');
  else if (WEAK.has(category) && hits.damage && category !== 'sympathy_and_support')
    set('infrastructure_damage', 0.55, 'damage');

  const eyewitness = hits.firstPerson && (hits.presence || hits.plea > 0 || hits.farewell > 0 || hits.aliveSafe > 0);
  let urgency = BASE_URGENCY[category] * (0.6 + 0.4 * confidence);
  if (hits.plea) urgency += 0.15;
  if (hits.immediacy) urgency += 0.1;
  if (eyewitness) urgency += 0.1;
  if (casualties.some((c) => c.group === 'children')) urgency += 0.05;
  urgency = Math.round(Math.min(1, Math.max(0, urgency)) * 1000) / 1000;
  return {
    category,
    confidence: Math.round(confidence * 1000) / 1000,
    modelLabel: pred.label,
    eyewitness,
    urgency,
    rule,
  };
}

import { triageText } from '../../src/analysis/analyze.ts';
import {
  HELD_OUT,
  KAWARITH_TO_FINE,
  loadCrisisLexT26,
  loadHumaid,
  loadIdrisi,
  type T26Type,
} from '../../src/analysis/classify/corpora.ts';
import { type ClassScores, classScores } from '../../src/analysis/classify/metrics.ts';
import type { TriageModel } from '../../src/analysis/classify/triage-model.ts';
import { type Category, FINE_LABELS, type FineLabel, HUMAID_CLASS_COUNT } from '../../src/analysis/taxonomy.ts';

/**
 * HumAID test split, scored on its 10 original classes with the model's own label, chosen among
 * those 10 (HumAID has no farewell, alive/safe or going-offline class to be right or wrong about).
 */
export function evalHumaidTest(data: string, model: TriageModel): ClassScores {
  const test = loadHumaid(data, 'test');
  return classScores(
    test.map((e) => e.label),
    test.map((e) => model.predictAmong(e.text, HUMAID_CLASS_COUNT).label),
    FINE_LABELS.slice(0, HUMAID_CLASS_COUNT),
  );
}

/** HumAID dev, scored as HumAID test is (model selection reads this, never the test split). */
export function evalHumaidDev(data: string, model: TriageModel): ClassScores {
  const dev = loadHumaid(data, 'dev');
  return classScores(
    dev.map((e) => e.label),
    dev.map((e) => model.predictAmong(e.text, HUMAID_CLASS_COUNT).label),
    FINE_LABELS.slice(0, HUMAID_CLASS_COUNT),
  );
}

const FINE_TO_T26: Record<FineLabel, T26Type> = {
  requests_or_urgent_needs: 'donations_and_volunteering',
  rescue_volunteering_or_donation_effort: 'donations_and_volunteering',
  injured_or_dead_people: 'affected_individuals',
  missing_or_found_people: 'affected_individuals',
  displaced_people_and_evacuations: 'affected_individuals',
  infrastructure_and_utility_damage: 'infrastructure_and_utilities',
  caution_and_advice: 'caution_and_advice',
  sympathy_and_support: 'sympathy_and_support',
  other_relevant_information: 'other_useful_information',
  not_humanitarian: 'not_related',
  farewell: 'affected_individuals',
  alive_and_safe: 'affected_individuals',
  going_offline: 'affected_individuals',
};
const CATEGORY_TO_T26: Partial<Record<Category, T26Type>> = {
  farewell: 'affected_individuals',
  alive_and_safe: 'affected_individuals',
  going_offline: 'affected_individuals',
  injured_or_dead: 'affected_individuals',
  evacuation_or_ceasefire: 'affected_individuals',
};

/** CrisisLexT26 man-made events: model label (or a rule's category) mapped to T26 information types. */
export function evalCrisisLexManMade(data: string, model: TriageModel): ClassScores {
  const rows = loadCrisisLexT26(data, HELD_OUT.crisislexT26);
  const pred = rows.map((r) => {
    const t = triageText(r.text, { model });
    return (t.rule && CATEGORY_TO_T26[t.category]) || FINE_TO_T26[t.modelLabel];
  });
  return classScores(
    rows.map((r) => r.type),
    pred,
  );
}

type Kawarith =
  | 'affected_individuals_and_help'
  | 'caution_advice_and_crisis_updates'
  | 'infrastructure_and_utilities_damage';
const CATEGORY_TO_KAWARITH: Record<Category, Kawarith> = {
  request_for_help: 'affected_individuals_and_help',
  injured_or_dead: 'affected_individuals_and_help',
  farewell: 'affected_individuals_and_help',
  alive_and_safe: 'affected_individuals_and_help',
  going_offline: 'affected_individuals_and_help',
  evacuation_or_ceasefire: 'affected_individuals_and_help',
  sympathy_and_support: 'affected_individuals_and_help',
  infrastructure_damage: 'infrastructure_and_utilities_damage',
  caution_and_advice: 'caution_advice_and_crisis_updates',
  other_relevant: 'caution_advice_and_crisis_updates',
  not_relevant: 'caution_advice_and_crisis_updates',
};

/**
 * IDRISI Arabic held-out events (all their tweets, train and dev files). Kawarith labels are
 * multi-label: a prediction counts as right when it is any of the gold labels.
 */
export function evalIdrisiArabicHeldOut(data: string, model: TriageModel): ClassScores & { events: string[] } {
  const held = HELD_OUT.idrisiAr as readonly string[];
  const recs = loadIdrisi(data, 'AR', ['train', 'dev'], (ev) => held.includes(ev));
  const gold: string[] = [];
  const pred: string[] = [];
  for (const { rec } of recs) {
    const labels = (rec.info_class ?? '').split(',').filter((l) => l in KAWARITH_TO_FINE && l !== 'relevant');
    if (!labels.length) continue;
    const p = CATEGORY_TO_KAWARITH[triageText(rec.text, { model }).category];
    gold.push(labels.includes(p) ? p : labels[0]);
    pred.push(p);
  }
  return { ...classScores(gold, pred), events: [...held] };
}

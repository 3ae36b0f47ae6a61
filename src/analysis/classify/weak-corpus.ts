import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CATEGORY_TO_FINE } from '../taxonomy.ts';
import { type Example, HELD_OUT, loadCrisisLexT26, T26_EVENTS, type T26Type } from './corpora.ts';
import { weakLabel } from './weak-labels.ts';

/** CrisisLexT26 man-made events that are not held out: the training side of the man-made kind. */
export const T26_MAN_MADE_TRAIN = [
  '2012_Venezuela_refinery',
  '2013_Glasgow_helicopter_crash',
  '2013_NY_train_crash',
  '2013_Spain_train_crash',
] as const;

/** Sentences of FA-KES articles (Syrian war reporting), split on sentence ends. */
export function fakesSentences(data: string): { id: string; text: string }[] {
  const rows: Record<string, string>[] = parse(readFileSync(join(data, 'fa-kes-syria', 'fakes.csv'), 'utf8'), {
    columns: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  return rows.flatMap((r) =>
    `${r.article_title}. ${r.article_content}`
      .split(/(?<=[.!?])\s+(?=[A-Z"])/)
      .map((s, i) => ({ id: `fakes-${r.unit_id}-${i}`, text: s.trim() }))
      .filter((s) => s.text.length >= 30 && s.text.length <= 400),
  );
}

/**
 * Weakly labelled examples: the labelling grammar (weak-labels.ts) run over unlabelled in-domain text,
 * FA-KES sentences and the tweets of the CrisisLexT26 man-made training events (their own labels
 * ignored). Only texts a rule fires on are kept, at most `max` per source, in file order.
 */
export function weakExamples(data: string, max: number): Example[] {
  const out: Example[] = [];
  const take = (items: { id: string; text: string }[], source: string, lang: string) => {
    let n = 0;
    for (const it of items) {
      if (n >= max) break;
      const w = weakLabel(it.text);
      if (!w) continue;
      out.push({ id: it.id, text: it.text, label: CATEGORY_TO_FINE[w.category], source, event: source, lang });
      n++;
    }
  };
  take(fakesSentences(data), 'weak-fakes', 'en');
  take(loadCrisisLexT26(data, T26_MAN_MADE_TRAIN), 'weak-t26', 'en');
  return out;
}

const T26_TO_FINE: Record<T26Type, Example['label']> = {
  affected_individuals: 'injured_or_dead_people',
  infrastructure_and_utilities: 'infrastructure_and_utility_damage',
  donations_and_volunteering: 'rescue_volunteering_or_donation_effort',
  caution_and_advice: 'caution_and_advice',
  sympathy_and_support: 'sympathy_and_support',
  other_useful_information: 'other_relevant_information',
  not_related: 'not_humanitarian',
};

/** CrisisLexT26 with its own labels, every event except the held-out man-made ones. */
export function loadCrisisLexT26Training(data: string): Example[] {
  const held = HELD_OUT.crisislexT26 as readonly string[];
  return loadCrisisLexT26(
    data,
    T26_EVENTS.filter((e) => !held.includes(e)),
  ).map((r) => ({
    id: r.id,
    text: r.text,
    label: T26_TO_FINE[r.type],
    source: 'crisislex-t26',
    event: r.event,
    lang: 'en',
  }));
}

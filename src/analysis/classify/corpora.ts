import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { type FineLabel, isFineLabel } from '../taxonomy.ts';

/** One labelled text for training or evaluation. Texts stay in memory; never written to the repo. */
export interface Example {
  id: string;
  text: string;
  label: FineLabel;
  source: string;
  event: string;
  lang: string;
}

/** Events held out for evaluation: never trained on. */
export const HELD_OUT = {
  crisislexT26: [
    '2013_Boston_bombings',
    '2013_LA_airport_shootings',
    '2013_Savar_building_collapse',
    '2013_West_Texas_explosion',
    '2013_Lac_Megantic_train_crash',
    '2013_Brazil_nightclub_fire',
  ],
  /** Same events in CrisisLexT6: excluded from training too. */
  crisislexT6: ['2013_Boston_Bombings', '2013_West_Texas_Explosion'],
  idrisiAr: ['beirut_explosion_2020', 'cairo_bombing_2019'],
} as const;

export function sharedDataDir(): string | undefined {
  const env = process.env.VIGIL_SHARED_DATA;
  const dir = env ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
  return existsSync(dir) ? dir : undefined;
}

const subdirs = (d: string) =>
  readdirSync(d, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

export type HumaidSplit = 'train' | 'dev' | 'test';

export function loadHumaid(data: string, split: HumaidSplit): Example[] {
  const root = join(data, 'humaid-events-set1');
  const out: Example[] = [];
  for (const ev of subdirs(root)) {
    const f = join(root, ev, `${ev}_${split}.tsv`);
    if (!existsSync(f)) continue;
    const lines = readFileSync(f, 'utf8').split('\n');
    for (let i = 1; i < lines.length; i++) {
      const [id, text, label] = lines[i].replace(/\r$/, '').split('\t');
      if (!id || text === undefined || !label || !isFineLabel(label)) continue;
      out.push({ id, text, label, source: 'humaid', event: ev, lang: 'en' });
    }
  }
  return out;
}

const CRISISNLP_MAP: Record<string, FineLabel> = {
  injured_or_dead_people: 'injured_or_dead_people',
  missing_trapped_or_found_people: 'missing_or_found_people',
  displaced_people_and_evacuations: 'displaced_people_and_evacuations',
  infrastructure_and_utilities_damage: 'infrastructure_and_utility_damage',
  donation_needs_or_offers_or_volunteering_services: 'rescue_volunteering_or_donation_effort',
  caution_and_advice: 'caution_and_advice',
  sympathy_and_emotional_support: 'sympathy_and_support',
  other_useful_information: 'other_relevant_information',
  not_related_or_irrelevant: 'not_humanitarian',
};
export const CRISISNLP_LABEL_MAP: Readonly<Record<string, FineLabel>> = CRISISNLP_MAP;

function readCsv(f: string): Record<string, string>[] {
  const raw = readFileSync(f, 'utf8').replace(/\r\n?/g, '\n');
  return parse(raw, {
    columns: (h: string[]) => h.map((x) => x.trim()),
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
}

/** CrisisNLP crowdflower, English natural-disaster files (disease files and the merged file skipped). */
export function loadCrisisNlp(data: string): Example[] {
  const root = join(data, 'crisisnlp-lrec2016', 'crowdflower');
  const out: Example[] = [];
  for (const ev of subdirs(root)) {
    if (/ebola|Respiratory|_cl$/.test(ev)) continue;
    for (const f of readdirSync(join(root, ev)).filter((x) => x.endsWith('.csv'))) {
      for (const r of readCsv(join(root, ev, f))) {
        const label = CRISISNLP_MAP[r.choose_one_category];
        if (!label || !r.tweet_text) continue;
        out.push({
          id: (r.tweet_id ?? '').replace(/'/g, ''),
          text: r.tweet_text,
          label,
          source: 'crisisnlp',
          event: ev,
          lang: 'en',
        });
      }
    }
  }
  return out;
}

/** CrisisLexT6 off-topic tweets as not_humanitarian (on-topic has no type, so it is skipped). */
export function loadCrisisLexT6(data: string): Example[] {
  const root = join(data, 'crisislex-t6');
  const out: Example[] = [];
  for (const ev of subdirs(root)) {
    if ((HELD_OUT.crisislexT6 as readonly string[]).includes(ev)) continue;
    for (const f of readdirSync(join(root, ev)).filter((x) => x.endsWith('.csv'))) {
      for (const r of readCsv(join(root, ev, f))) {
        if (r.label !== 'off-topic' || !r.tweet) continue;
        out.push({
          id: (r['tweet id'] ?? '').replace(/'/g, ''),
          text: r.tweet,
          label: 'not_humanitarian',
          source: 'crisislex-t6',
          event: ev,
          lang: 'en',
        });
      }
    }
  }
  return out;
}

/** Every CrisisLexT26 event folder name. */
export const T26_EVENTS = [
  '2012_Colorado_wildfires',
  '2012_Costa_Rica_earthquake',
  '2012_Guatemala_earthquake',
  '2012_Italy_earthquakes',
  '2012_Philipinnes_floods',
  '2012_Typhoon_Pablo',
  '2012_Venezuela_refinery',
  '2013_Alberta_floods',
  '2013_Australia_bushfire',
  '2013_Bohol_earthquake',
  '2013_Boston_bombings',
  '2013_Brazil_nightclub_fire',
  '2013_Colorado_floods',
  '2013_Glasgow_helicopter_crash',
  '2013_LA_airport_shootings',
  '2013_Lac_Megantic_train_crash',
  '2013_Manila_floods',
  '2013_NY_train_crash',
  '2013_Queensland_floods',
  '2013_Russia_meteor',
  '2013_Sardinia_floods',
  '2013_Savar_building_collapse',
  '2013_Singapore_haze',
  '2013_Spain_train_crash',
  '2013_Typhoon_Yolanda',
  '2013_West_Texas_explosion',
] as const;

export const T26_TYPES = [
  'affected_individuals',
  'infrastructure_and_utilities',
  'donations_and_volunteering',
  'caution_and_advice',
  'sympathy_and_support',
  'other_useful_information',
  'not_related',
] as const;
export type T26Type = (typeof T26_TYPES)[number];

export interface T26Example {
  id: string;
  text: string;
  type: T26Type;
  event: string;
}

const T26_MAP: Record<string, T26Type> = {
  'Affected individuals': 'affected_individuals',
  'Infrastructure and utilities': 'infrastructure_and_utilities',
  'Donations and volunteering': 'donations_and_volunteering',
  'Caution and advice': 'caution_and_advice',
  'Sympathy and support': 'sympathy_and_support',
  'Other Useful Information': 'other_useful_information',
};

/** CrisisLexT26 for the given events; "Not related" informativeness becomes not_related. */
export function loadCrisisLexT26(data: string, events: readonly string[]): T26Example[] {
  const root = join(data, 'crisislex-t26');
  const out: T26Example[] = [];
  for (const ev of events) {
    const dir = join(root, ev);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('-tweets_labeled.csv'))) {
      for (const r of readCsv(join(dir, f))) {
        const info = r.Informativeness;
        const type = info === 'Not related' ? 'not_related' : T26_MAP[r['Information Type']];
        if (!type || !r['Tweet Text']) continue;
        out.push({ id: r['Tweet ID'].replace(/"/g, ''), text: r['Tweet Text'], type, event: ev });
      }
    }
  }
  return out;
}

export interface IdrisiRecord {
  tweet_id: string;
  text: string;
  created_at?: string;
  info_class?: string;
  humAID_class?: string;
  location_mentions?: {
    text: string;
    type: string;
    startIdx?: number;
    endIdx?: number;
    start_offset?: number;
    end_offset?: number;
  }[];
}

export function readJsonl<T>(f: string): T[] {
  return readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function idrisiDir(data: string, lang: 'AR' | 'EN'): string {
  return join(data, 'idrisi', 'LMR', 'data', lang, 'gold-random-json');
}

/** IDRISI LMR records of one language, per event, for the given files (train/dev/test_unlabeled). */
export function loadIdrisi(
  data: string,
  lang: 'AR' | 'EN',
  files: string[],
  events?: (ev: string) => boolean,
): { event: string; rec: IdrisiRecord }[] {
  const root = idrisiDir(data, lang);
  const out: { event: string; rec: IdrisiRecord }[] = [];
  for (const ev of subdirs(root)) {
    if (events && !events(ev)) continue;
    for (const f of files) {
      const p = join(root, ev, `${f}.jsonl`);
      if (existsSync(p)) for (const rec of readJsonl<IdrisiRecord>(p)) out.push({ event: ev, rec });
    }
  }
  return out;
}

export const KAWARITH_TO_FINE: Record<string, FineLabel> = {
  affected_individuals_and_help: 'injured_or_dead_people',
  caution_advice_and_crisis_updates: 'caution_and_advice',
  infrastructure_and_utilities_damage: 'infrastructure_and_utility_damage',
  relevant: 'other_relevant_information',
};

export function loadIdrisiArTraining(data: string): Example[] {
  const held = HELD_OUT.idrisiAr as readonly string[];
  return loadIdrisi(data, 'AR', ['train', 'dev'], (ev) => !held.includes(ev)).flatMap(({ event, rec }) => {
    const first = (rec.info_class ?? '').split(',')[0];
    const label = KAWARITH_TO_FINE[first];
    return label ? [{ id: rec.tweet_id, text: rec.text, label, source: 'idrisi-ar', event, lang: 'ar' }] : [];
  });
}

export function loadIdrisiEnTraining(data: string): Example[] {
  return loadIdrisi(data, 'EN', ['train', 'dev', 'test_unlabeled']).flatMap(({ event, rec }) => {
    const label = rec.humAID_class;
    return label && isFineLabel(label)
      ? [{ id: rec.tweet_id, text: rec.text, label, source: 'idrisi-en', event, lang: 'en' }]
      : [];
  });
}

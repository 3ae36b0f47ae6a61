import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arabicLightStem, normalizeArabic } from '../../core/arabic-normalize.ts';
import { HELD_OUT, type IdrisiRecord, loadIdrisi } from '../classify/corpora.ts';
import { MODELS_DIR } from '../classify/model-files.ts';
import { Gazetteer, type GazetteerEntry, loadGazetteerFile, syriaGazetteer } from './places.ts';

export const PLACE_LEXICON_FILE = 'place-names.json';

const TOKEN_RE = /[\p{L}\p{M}\p{N}]+/gu;

/** Canonical form of a place mention for matching: normalized words, first word without proclitics/article. */
export function canonicalPlace(s: string): string {
  const toks = normalizeArabic(s).match(TOKEN_RE) ?? [];
  if (!toks.length) return '';
  let first = arabicLightStem(toks[0] ?? '');
  if (/^ال[\u0600-\u06ff]{2,}/.test(first)) first = first.slice(2);
  return [first, ...toks.slice(1)].join(' ');
}

/**
 * A place-name list learned from IDRISI's annotated train splits (held-out Arabic events excluded):
 * a name is kept when annotators marked it as a place in at least half of the tweets where it occurs.
 * Coordinates come from IDRISI's OSM-linked Arabic set when present.
 */
export function buildPlaceLexicon(data: string): GazetteerEntry[] {
  const held = HELD_OUT.idrisiAr as readonly string[];
  const recs: IdrisiRecord[] = [
    ...loadIdrisi(data, 'AR', ['train'], (ev) => !held.includes(ev)).map((r) => r.rec),
    ...loadIdrisi(data, 'EN', ['train']).map((r) => r.rec),
  ];
  const gold = new Map<string, { surface: string; n: number }>();
  for (const r of recs) {
    for (const m of r.location_mentions ?? []) {
      const key = canonicalPlace(m.text.replace(/^#/, '').replace(/_/g, ' '));
      if (key.length < 3) continue;
      const g = gold.get(key) ?? { surface: m.text.replace(/^#/, '').replace(/_/g, ' '), n: 0 };
      g.n++;
      gold.set(key, g);
    }
  }
  const coords = new Map<string, { lat: number; lon: number }>();
  const lmd = join(data, 'idrisi', 'LMD', 'data', 'AR');
  if (existsSync(lmd)) {
    for (const { rec } of loadIdrisiLmd(data, (ev) => !held.includes(ev))) {
      for (const m of rec.location_mentions ?? []) {
        const lat = Number(m.osm_json?.lat);
        const lon = Number(m.osm_json?.lon);
        if (Number.isFinite(lat) && Number.isFinite(lon))
          coords.set(canonicalPlace(m.text.replace(/^#/, '')), { lat: +lat.toFixed(4), lon: +lon.toFixed(4) });
      }
    }
  }
  const candidates: GazetteerEntry[] = [...gold.entries()].map(([key, g]) => ({
    name: g.surface,
    type: 'learned',
    variants: [key],
    ...coords.get(key),
  }));
  const gz = new Gazetteer(candidates);
  const found = new Map<string, number>();
  for (const r of recs)
    for (const p of new Set(gz.find(r.text).map((m) => canonicalPlace(m.matched))))
      found.set(p, (found.get(p) ?? 0) + 1);
  return candidates
    .filter((c) => {
      const key = c.variants[0];
      const n = gold.get(key)?.n ?? 0;
      return n >= 1 && n / Math.max(1, found.get(key) ?? n) >= 0.5;
    })
    .sort((a, b) => (a.variants[0] < b.variants[0] ? -1 : 1));
}

interface LmdRecord extends IdrisiRecord {
  location_mentions?: (NonNullable<IdrisiRecord['location_mentions']>[number] & {
    osm_json?: { lat?: string; lon?: string };
  })[];
}

function loadIdrisiLmd(data: string, events: (ev: string) => boolean): { rec: LmdRecord }[] {
  const root = join(data, 'idrisi', 'LMD', 'data', 'AR');
  const out: { rec: LmdRecord }[] = [];
  for (const ev of readdirSync(root).sort()) {
    if (!events(ev)) continue;
    const f = join(root, ev, 'train.jsonl');
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n'))
      if (line.trim()) out.push({ rec: JSON.parse(line) as LmdRecord });
  }
  return out;
}

let wide: Gazetteer | undefined;

/** Curated Syria gazetteer plus the learned place-name list in models/ (if trained). */
export function wideGazetteer(): Gazetteer {
  if (wide) return wide;
  const learned = existsSync(join(MODELS_DIR, PLACE_LEXICON_FILE))
    ? loadGazetteerFile(join(MODELS_DIR, PLACE_LEXICON_FILE))
    : [];
  const sy = loadGazetteerFile(join(import.meta.dirname ?? '', 'gazetteer', 'sy.json'));
  wide = new Gazetteer([...sy, ...learned]);
  return wide;
}
export { syriaGazetteer };

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { arabicLightStem, normalizeArabic } from '../../core/arabic-normalize.ts';

export const GazetteerEntry = z.object({
  name: z.string(),
  ar: z.string().optional(),
  type: z.string(),
  lat: z.number().optional(),
  lon: z.number().optional(),
  parent: z.string().optional(),
  variants: z.array(z.string()).default([]),
});
export type GazetteerEntry = z.infer<typeof GazetteerEntry>;
export const GazetteerFile = z.object({
  description: z.string().optional(),
  license: z.string().optional(),
  entries: z.array(GazetteerEntry),
});

/** Words that introduce a place ("مستشفى القدس", "حي الشعار", "Dar al-Shifa hospital" is not covered). */
const AR_PLACE_HEADS = new Set(
  'مستشفي مشفي معهد مرفا ميناء مطار جامعه شارع طريق حي منطقه مدينه محافظه بلده قريه مخيم سوق جسر دوار ساحه مسجد جامع مدرسه كورنيش ضاحيه'.split(
    ' ',
  ),
);
const AR_STOP = new Set(
  'في من الي علي عن مع بعد قبل عند حتي او ثم التي الذي هذا هذه تم كان بين اليوم امس الان'.split(' '),
);
const ARABIC_WORD = /^[\u0600-\u06ff]{2,}$/;

export interface PlaceMatch {
  name: string;
  lat?: number;
  lon?: number;
  /** The words matched, normalized. */
  matched: string;
}

const TOKEN_RE = /[\p{L}\p{M}\p{N}]+/gu;
const MAX_WORDS = 5;

function keyTokens(s: string): string[] {
  return normalizeArabic(s).match(TOKEN_RE) ?? [];
}

/** Longest-match lookup of place names over normalized tokens, Arabic proclitics tolerated. */
export class Gazetteer {
  private readonly index = new Map<string, GazetteerEntry>();
  private readonly ambiguousShort = new Set<string>();
  /** First words of every key: most tokens are not, and are skipped at once. */
  private readonly firsts = new Set<string>();

  constructor(entries: GazetteerEntry[], opts: { stopwords?: Iterable<string> } = {}) {
    for (const w of opts.stopwords ?? []) this.ambiguousShort.add(w);
    for (const e of entries) {
      for (const n of [e.name, e.ar, ...e.variants]) {
        if (!n) continue;
        const toks = keyTokens(n);
        if (!toks.length || toks.length > MAX_WORDS) continue;
        this.add(toks.join(' '), e);
        // Arabic names with the article also match without it (after a proclitic was stripped)
        if (/^ال[\u0600-\u06ff]{2,}/.test(toks[0])) this.add([toks[0].slice(2), ...toks.slice(1)].join(' '), e);
        // English "al-Shaar" also as "shaar"
        if (toks[0] === 'al' && toks.length > 1) this.add(toks.slice(1).join(' '), e);
      }
    }
  }

  private add(key: string, e: GazetteerEntry) {
    if (key.length < 3 || this.ambiguousShort.has(key)) return;
    this.firsts.add(key.split(' ')[0]);
    const prev = this.index.get(key);
    // keep the entry with coordinates and the more specific type first seen
    if (!prev || (prev.lat === undefined && e.lat !== undefined)) this.index.set(key, e);
  }

  get size(): number {
    return this.index.size;
  }

  find(text: string): PlaceMatch[] {
    const toks = keyTokens(text);
    const out: PlaceMatch[] = [];
    for (let i = 0; i < toks.length; i++) {
      const tok = toks[i];
      const arabic = tok.charCodeAt(0) >= 0x0600 && tok.charCodeAt(0) <= 0x06ff;
      const stem0 = arabic ? arabicLightStem(tok) : tok;
      if (!this.firsts.has(tok) && !this.firsts.has(stem0) && !(arabic && AR_PLACE_HEADS.has(stem0))) continue;
      let hit: { e: GazetteerEntry; len: number; key: string } | undefined;
      for (let len = Math.min(MAX_WORDS, toks.length - i); len >= 1 && !hit; len--) {
        const words = toks.slice(i, i + len);
        const key = words.join(' ');
        let e = this.index.get(key);
        if (!e && /^[\u0600-\u06ff]/.test(words[0])) {
          const stem = arabicLightStem(words[0]);
          if (stem !== words[0]) e = this.index.get([stem, ...words.slice(1)].join(' '));
        }
        if (e) hit = { e, len, key };
      }
      const head = AR_PLACE_HEADS.has(toks[i]) || AR_PLACE_HEADS.has(arabicLightStem(toks[i]));
      if (head && !hit) {
        // an unlisted named place after a head noun: one word, a second when it carries the article
        const w1 = toks[i + 1];
        if (w1 && ARABIC_WORD.test(w1) && !AR_STOP.has(w1) && !AR_PLACE_HEADS.has(w1)) {
          const w2 = toks[i + 2];
          const len = w2?.startsWith('ال') && w1.startsWith('ال') && !AR_STOP.has(w2) ? 3 : 2;
          const words = toks.slice(i, i + len);
          const tail = this.index.get(words.slice(1).join(' '));
          out.push({ name: tail?.name ?? words.join(' '), lat: tail?.lat, lon: tail?.lon, matched: words.join(' ') });
          i += len - 1;
          continue;
        }
      }
      if (hit) {
        out.push({ name: hit.e.name, lat: hit.e.lat, lon: hit.e.lon, matched: hit.key });
        i += hit.len - 1;
      }
    }
    return out;
  }
}

const HERE = dirname(fileURLToPath(import.meta.url));
let syria: Gazetteer | undefined;

export function loadGazetteerFile(path: string): GazetteerEntry[] {
  return GazetteerFile.parse(JSON.parse(readFileSync(path, 'utf8'))).entries;
}

/** The curated Syria gazetteer (src/analysis/extract/gazetteer/sy.json). */
export function syriaGazetteer(): Gazetteer {
  syria ??= new Gazetteer(loadGazetteerFile(join(HERE, 'gazetteer', 'sy.json')));
  return syria;
}

/**
 * The places that contain a curated place, nearest first (Al-Sukkari → Aleppo → Aleppo Governorate
 * → Syria), so that a search for a city finds posts naming its neighbourhoods.
 */
export function placeAncestors(name: string): { name: string; lat: number; lon: number }[] {
  syriaByName ??= new Map(loadGazetteerFile(join(HERE, 'gazetteer', 'sy.json')).map((e) => [e.name, e]));
  const out: { name: string; lat: number; lon: number }[] = [];
  let e = syriaByName.get(name);
  const seen = new Set<string>([name]);
  while (e?.parent && !seen.has(e.parent)) {
    seen.add(e.parent);
    e = syriaByName.get(e.parent);
    if (e?.lat !== undefined && e.lon !== undefined) out.push({ name: e.name, lat: e.lat, lon: e.lon });
  }
  if (out.length && !seen.has('Syria') && syriaByName.get(name)) {
    const sy = syriaByName.get('Syria');
    if (sy?.lat !== undefined && sy.lon !== undefined) out.push({ name: sy.name, lat: sy.lat, lon: sy.lon });
  }
  return out;
}
let syriaByName: Map<string, GazetteerEntry> | undefined;

/** The Arabic name of a curated place, by its gazetteer name ("Al-Sukkari" → "السكري"). */
export function arabicPlaceName(name: string): string | undefined {
  syriaByName ??= new Map(loadGazetteerFile(join(HERE, 'gazetteer', 'sy.json')).map((e) => [e.name, e]));
  return syriaByName.get(name)?.ar;
}

/** Places named in a text, in order, each once; with coordinates when the gazetteer has them. */
export function extractPlaces(text: string, gazetteer: Gazetteer = syriaGazetteer()): PlaceMatch[] {
  const seen = new Set<string>();
  const out: PlaceMatch[] = [];
  for (const p of gazetteer.find(text)) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    out.push(p);
  }
  return out;
}

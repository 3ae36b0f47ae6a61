import { placeKey } from '../analysis/extract/place-key.ts';
import { arabicPlaceName } from '../analysis/extract/places.ts';
import { accountKey } from '../core/person.ts';
import type { Store } from '../store/contract.ts';
import { digestCandidates, digestIdsByRowkeys, digestRowsByIds, digestRowsByRowkeys } from '../store/queries/digest.ts';
import { fillQuotedRows } from '../store/queries/digest-quoted.ts';
import { watchedPeople } from '../watch/watchlist.ts';
import { type BesideOptions, digestBeside } from './board-and-totals.ts';
import { casualtyIncidents } from './casualty-incidents.ts';
import type { Digest, DigestOptions, DigestQuote, DigestSection, WatchEntry } from './digest-model.ts';
import { CASUALTIES, DAMAGE, placeCounts } from './place-counts.ts';
import {
  candidateAccountKeys,
  collapseDuplicates,
  firstOf,
  ownWords,
  parseAnalysis,
  parseRow,
  type SelectedRow,
  toQuote,
} from './select.ts';
import { type TranslationCache, type Translator, translateQuotes } from './translate.ts';
import { inPlace } from './watchlist-section.ts';
import { digestQuery } from './window.ts';

/**
 * Categories are plain strings here on purpose: `going_offline` joins the core enum on another branch, and
 * until it does, its line of the digest is simply empty.
 */
export const SECTION_CATEGORIES = {
  farewell: 'farewell',
  plea: 'request_for_help',
  casualties: 'injured_or_dead',
  damage: 'infrastructure_damage',
  evacuation: 'evacuation_or_ceasefire',
  goingOffline: 'going_offline',
} as const;

export const LIMITS = { farewells: 50, pleas: 30, evacuation: 30 };

export interface BuildDigestDeps {
  now?: () => Date;
  translator?: Translator;
  cache?: TranslationCache;
  /** How the board and the totals run beside the candidate pass (default: a worker when it pays). */
  beside?: BesideOptions;
}

/** The categories counted per place (src/report/place-counts.ts). */
const PLACE_CATEGORIES = new Set<string>([DAMAGE, CASUALTIES]);

/** The digest of a window, as data. Reads only; recording it is `recordDigest`. */
export async function buildDigest(store: Store, options: DigestOptions, deps: BuildDigestDeps = {}): Promise<Digest> {
  const key = options.place ? placeKey(options.place) : undefined;
  const window = { since: options.since, until: options.until, ...(key ? { placeKey: key } : {}) };

  // The board across the window and the window's totals do not depend on the candidates: they run beside,
  // and in a worker, it first reads what the quotes of the rows with casualty figures need (a tenth of the
  // candidates at a million, and a sixth of the candidate pass's time when read in it).
  const categories: string[] = Object.values(SECTION_CATEGORIES);
  const beside = digestBeside(store, window, deps.beside, categories);
  const boardAndTotals = beside.parts;
  const people = await watchedPeople(store);
  const personOf = new Map<string, (typeof people)[number]>();
  for (const person of people) for (const a of person.accounts) personOf.set(accountKey(a.platform, a.handle), person);
  const watched = options.people === 'watchlist' ? new Set(personOf.keys()) : undefined;

  // Fold and rank every candidate from its signature and numbers; read texts and analyses only for the
  // posts the digest shows (a week can hold a million messages).
  const candidates = await digestCandidates(
    store.db,
    store.dialect,
    window,
    categories,
    [...PLACE_CATEGORIES],
    watched ? 'all' : [SECTION_CATEGORIES.goingOffline],
    !beside.quoted,
  );
  if (beside.quoted) fillQuotedRows(candidates, await beside.quoted);
  const c = ownWords(candidates, watched);
  const { lead, similar, time } = collapseDuplicates(c);
  const categoryOf = (g: number) => categories[c.category[lead[g]]];
  const ofCategory = (name: string) => {
    const k = categories.indexOf(name);
    const out: number[] = [];
    for (let g = 0; g < lead.length; g++) if (c.category[lead[g]] === k) out.push(g);
    return out;
  };
  // The first groups of a section (a stable sort by the lead's time, pleas then by urgency), and how many.
  const byTime = (a: number, b: number) => time(lead[a]) - time(lead[b]);
  const byUrgency = (a: number, b: number) => c.urgency[lead[b]] - c.urgency[lead[a]] || byTime(a, b);
  const first = (name: string, limit: number, urgency = false) => {
    const gs = ofCategory(name);
    const cmp = urgency ? byUrgency : byTime;
    // Unreadable times make no consistent order: then sort them all as before.
    const shown = gs.some((g) => Number.isNaN(time(lead[g])))
      ? [...gs]
          .sort(byTime)
          .sort(urgency ? (a, b) => c.urgency[lead[b]] - c.urgency[lead[a]] : () => 0)
          .slice(0, limit)
      : firstOf(gs, limit, cmp);
    return { shown, total: gs.length };
  };
  const farewellGroups = first(SECTION_CATEGORIES.farewell, LIMITS.farewells);
  const pleaGroups = first(SECTION_CATEGORIES.plea, LIMITS.pleas, true);
  const evacuationGroups = first(SECTION_CATEGORIES.evacuation, LIMITS.evacuation);
  // Casualty figures: every group whose lead has some (counted in the analysis row; parsed where not).
  const figureGroups: number[] = [];
  for (let g = 0; g < lead.length; g++) {
    const f = c.figures[lead[g]];
    if (f > 0 || (f < 0 && parseAnalysis(c.analysis.get(lead[g]) ?? '', null).casualties.length)) figureGroups.push(g);
  }
  const placeGroups: number[] = [];
  for (let g = 0; g < lead.length; g++) if (PLACE_CATEGORIES.has(categoryOf(g))) placeGroups.push(g);
  const inAreaIds = new Set(people.filter((person) => inPlace(person, key)).map((person) => person.id));
  const offlineGroups = ofCategory(SECTION_CATEGORIES.goingOffline).flatMap((g) => {
    const person = candidateAccountKeys(c, lead[g])
      .map((k) => personOf.get(k))
      .find((p) => p && inAreaIds.has(p.id));
    return person ? [{ g, person }] : [];
  });

  const shown = [
    ...farewellGroups.shown,
    ...pleaGroups.shown,
    ...evacuationGroups.shown,
    ...figureGroups,
    ...offlineGroups.map((x) => x.g),
  ];
  // The rows quoted: those with figures came with the candidates, the few others are read by rowkey.
  const full = new Map<number, SelectedRow>();
  const toRead: number[] = [];
  for (const g of shown) {
    const row = c.row.get(lead[g]);
    if (row) full.set(row.rowkey, parseRow(row));
    else toRead.push(c.rowkey[lead[g]]);
  }
  for (const r of await digestRowsByRowkeys(store.db, store.dialect, toRead)) full.set(r.rowkey, parseRow(r));
  const ids = await digestIdsByRowkeys(
    store.db,
    store.dialect,
    shown.flatMap((g) => (similar[g] ?? []).map((i) => c.rowkey[i])),
  );
  const gone = (rowkey: number) =>
    new Error(`digest: message with rowkey ${rowkey} left the store while the digest was read`);
  const selected = (g: number): SelectedRow => {
    const s = full.get(c.rowkey[lead[g]]);
    if (!s) throw gone(c.rowkey[lead[g]]);
    return s;
  };
  const idOf = (i: number): string => {
    const id = ids.get(c.rowkey[i]);
    if (id === undefined) throw gone(c.rowkey[i]);
    return id;
  };
  // One quote object a post, shared by every section quoting it (a translation is added to it once).
  const quoteCache = new Map<number, DigestQuote>();
  const quoteOf = (g: number): DigestQuote => {
    let q = quoteCache.get(g);
    if (!q) {
      q = toQuote(selected(g), (similar[g] ?? []).map(idOf));
      quoteCache.set(g, q);
    }
    return q;
  };
  /** The first groups quoted, the rest counted. */
  const section = (s: { shown: number[]; total: number }, limit: number): DigestSection<DigestQuote> => ({
    items: s.shown.map(quoteOf),
    more: Math.max(0, s.total - limit),
  });

  const farewells = section(farewellGroups, LIMITS.farewells);
  const pleas = section(pleaGroups, LIMITS.pleas);
  const evacuation = section(evacuationGroups, LIMITS.evacuation);
  const casualties = casualtyIncidents(figureGroups.map((g) => ({ lead: selected(g), quote: quoteOf(g) })));
  // Places from what the candidate query read (rows without figures), else from the row quoted. Many
  // reports name the same places: each distinct JSON is parsed once.
  const parsedPlaces = new Map<number, SelectedRow['analysis']['places']>();
  const placesOf = (g: number): SelectedRow['analysis']['places'] => {
    const i = lead[g];
    const p = c.places[i];
    if (p >= 0) {
      let parsed = parsedPlaces.get(p);
      if (!parsed) {
        parsed = (JSON.parse(c.placesJson[p]) as SelectedRow['analysis']['places'] | null) ?? [];
        parsedPlaces.set(p, parsed);
      }
      return parsed;
    }
    const analysis = c.analysis.get(i);
    return analysis === undefined ? selected(g).analysis.places : parseAnalysis(analysis, null).places;
  };
  const places = placeCounts(
    placeGroups.map((g) => ({ category: categoryOf(g), places: placesOf(g) })),
    arabicPlaceName,
  );

  // The watchlist: the board across the window, within the place asked for.
  const { findings, totals } = await boardAndTotals;
  const goingOffline: WatchEntry[] = offlineGroups.map(({ g, person }) => {
    const quote = quoteOf(g);
    return {
      personId: person.id,
      name: person.name,
      ...(person.nameAr ? { nameAr: person.nameAr } : {}),
      ...(person.area ? { area: person.area } : {}),
      kind: 'going_offline',
      at: new Date(Date.parse(quote.postedAt)).toISOString(),
      reason: `announced going offline ${quote.postedAt}`,
      atEnd: false,
      quote,
    };
  });
  const quoteRows = await digestRowsByIds(
    store.db,
    findings.entries.flatMap((e) => (e.messageId ? [e.messageId] : [])),
  );
  const quoteById = new Map(quoteRows.map((r) => [r.id, toQuote(parseRow(r))]));
  const entries: WatchEntry[] = findings.entries.map(({ messageId, ...e }) => {
    const q = messageId ? quoteById.get(messageId) : undefined;
    return q ? { ...e, quote: q } : e;
  });
  const ofKind = (k: WatchEntry['kind']) =>
    entries.filter((e) => e.kind === k).sort((a, b) => a.at.localeCompare(b.at) || a.name.localeCompare(b.name));
  const lastMessages = entries
    .filter((e) => (e.kind === 'silent' || e.kind === 'farewell') && e.atEnd && e.quote)
    .sort((a, b) => a.at.localeCompare(b.at));

  const digest: Digest = {
    kind: 'vigil.digest',
    version: 1,
    generatedAt: (deps.now?.() ?? new Date()).toISOString(),
    options,
    watchlist: {
      silent: ofKind('silent'),
      farewellThenActive: ofKind('farewell_then_active'),
      safe: ofKind('alive_and_safe'),
      goingOffline: goingOffline.sort((a, b) => a.at.localeCompare(b.at)),
      outages: findings.outages,
    },
    farewells,
    lastMessages,
    pleas,
    casualties,
    places,
    evacuation,
    totals: { ...totals, quoted: 0 },
    query: digestQuery(options),
    empty: totals.messages === 0,
  };
  const quotes = allQuotes(digest);
  digest.totals.quoted = new Set(quotes.map((q) => q.messageId)).size;
  if (deps.translator && deps.cache) {
    const t = await translateQuotes(quotes, options.lang, deps.translator, deps.cache);
    digest.translation = { engine: deps.translator.engine, model: deps.translator.model, failed: t.failed };
  }
  return digest;
}

/** Every quote object in the digest (a post quoted in two sections appears twice). */
export function allQuotes(d: Digest): DigestQuote[] {
  const w = d.watchlist;
  return [
    ...[...w.silent, ...w.farewellThenActive, ...w.safe, ...w.goingOffline, ...d.lastMessages].flatMap((e) =>
      e.quote ? [e.quote] : [],
    ),
    ...d.farewells.items,
    ...d.pleas.items,
    ...d.casualties.flatMap((i) => i.figures.flatMap((f) => f.values.flatMap((v) => v.sources))),
    ...d.evacuation.items,
  ];
}

import { placeKey } from '../analysis/extract/place-key.ts';
import { arabicPlaceName } from '../analysis/extract/places.ts';
import { accountKey } from '../core/person.ts';
import type { Store } from '../store/contract.ts';
import { digestCandidates, digestRowsByIds, digestRowsByRowkeys, windowTotals } from '../store/queries/digest.ts';
import { loadWatchlist } from '../watch/watchlist.ts';
import { casualtyIncidents } from './casualty-incidents.ts';
import type { Digest, DigestOptions, DigestQuote, DigestSection, WatchEntry } from './digest-model.ts';
import { CASUALTIES, DAMAGE, placeCounts } from './place-counts.ts';
import {
  collapseDuplicates,
  type FoldedGroup,
  ownWords,
  parseAnalysis,
  parseRow,
  rowAccountKeys,
  type SelectedRow,
  toQuote,
} from './select.ts';
import { type TranslationCache, type Translator, translateQuotes } from './translate.ts';
import { inPlace, watchlistFindings } from './watchlist-section.ts';
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
}

/** The first `limit` items, and how many more there were. */
function section<T>(items: (T | undefined)[], limit: number): DigestSection<T> {
  return { items: items.slice(0, limit) as T[], more: Math.max(0, items.length - limit) };
}

/** Quotes for the first `limit` groups only (the rest are counted, never shown). */
function quoteOfFirst(limit: number, quoteOf: (g: FoldedGroup) => DigestQuote) {
  return (g: FoldedGroup, i: number) => (i < limit ? quoteOf(g) : undefined);
}

/** Groups oldest lead first (a stable sort: equal times keep their order). */
function byLeadTime(groups: FoldedGroup[]): FoldedGroup[] {
  return groups
    .map((g) => ({ g, t: Date.parse(g.lead.postedAt) }))
    .sort((a, b) => a.t - b.t)
    .map((x) => x.g);
}

/** The categories counted per place (src/report/place-counts.ts). */
const PLACE_CATEGORIES = new Set<string>([DAMAGE, CASUALTIES]);

/** The digest of a window, as data. Reads only; recording it is `recordDigest`. */
export async function buildDigest(store: Store, options: DigestOptions, deps: BuildDigestDeps = {}): Promise<Digest> {
  const key = options.place ? placeKey(options.place) : undefined;
  const window = { since: options.since, until: options.until, ...(key ? { placeKey: key } : {}) };

  const watchlist = await loadWatchlist(store);
  const personOf = new Map<string, (typeof watchlist)[number]['person']>();
  for (const { person } of watchlist)
    for (const a of person.accounts) personOf.set(accountKey(a.platform, a.handle), person);
  const watched = options.people === 'watchlist' ? new Set(personOf.keys()) : undefined;

  // Fold and rank every candidate from its signature and numbers; read texts and analyses only for the
  // posts the digest shows (a week can hold a million messages).
  const candidates = ownWords(
    await digestCandidates(store.db, store.dialect, window, Object.values(SECTION_CATEGORIES), [...PLACE_CATEGORIES]),
    watched,
  );
  const groups = collapseDuplicates(candidates);
  const ofCategory = (c: string) => groups.filter((g) => g.lead.category === c);
  const farewellGroups = byLeadTime(ofCategory(SECTION_CATEGORIES.farewell));
  const pleaGroups = byLeadTime(ofCategory(SECTION_CATEGORIES.plea)).sort((a, b) => b.lead.urgency - a.lead.urgency);
  const evacuationGroups = byLeadTime(ofCategory(SECTION_CATEGORIES.evacuation));
  // Figures and places from the analysis JSON the candidate query read for these rows only.
  const analysisOf = (g: FoldedGroup) => parseAnalysis(g.lead.analysis ?? '', null);
  const figureGroups = groups.flatMap((g) => {
    if (g.lead.figures === 0) return [];
    const analysis = analysisOf(g);
    return analysis.casualties.length ? [{ g, analysis }] : [];
  });
  const placeGroups = groups.filter((g) => PLACE_CATEGORIES.has(g.lead.category));
  const since = Date.parse(options.since);
  const until = Date.parse(options.until);
  const inArea = key ? watchlist.filter(({ person }) => inPlace(person, key)) : watchlist;
  const inAreaIds = new Set(inArea.map((x) => x.person.id));
  const offlineGroups = ofCategory(SECTION_CATEGORIES.goingOffline).flatMap((g) => {
    const person = rowAccountKeys(g.lead)
      .map((k) => personOf.get(k))
      .find((p) => p && inAreaIds.has(p.id));
    return person ? [{ g, person }] : [];
  });

  const shown = [
    ...farewellGroups.slice(0, LIMITS.farewells),
    ...pleaGroups.slice(0, LIMITS.pleas),
    ...evacuationGroups.slice(0, LIMITS.evacuation),
    ...figureGroups.map((x) => x.g),
    ...offlineGroups.map((x) => x.g),
  ];
  const full = new Map(
    (
      await digestRowsByRowkeys(
        store.db,
        store.dialect,
        shown.map((g) => g.lead.rowkey),
      )
    ).map((r) => [r.id, parseRow(r)]),
  );
  const selected = (g: FoldedGroup): SelectedRow => {
    const s = full.get(g.lead.id);
    if (!s) throw new Error(`digest: message ${g.lead.id} left the store while the digest was read`);
    return s;
  };
  // One quote object a post, shared by every section quoting it (a translation is added to it once).
  const quoteCache = new Map<string, DigestQuote>();
  const quoteOf = (g: FoldedGroup): DigestQuote => {
    let q = quoteCache.get(g.lead.id);
    if (!q) {
      q = toQuote(
        selected(g),
        g.similar.map((r) => r.id),
      );
      quoteCache.set(g.lead.id, q);
    }
    return q;
  };

  const farewells = farewellGroups.map(quoteOfFirst(LIMITS.farewells, quoteOf));
  const pleas = pleaGroups.map(quoteOfFirst(LIMITS.pleas, quoteOf));
  const evacuation = evacuationGroups.map(quoteOfFirst(LIMITS.evacuation, quoteOf));
  const casualties = casualtyIncidents(figureGroups.map(({ g }) => ({ lead: selected(g), quote: quoteOf(g) })));
  const places = placeCounts(
    placeGroups.map((g) => ({ category: g.lead.category, places: analysisOf(g).places })),
    arabicPlaceName,
  );

  // The watchlist: the board across the window, within the place asked for.
  const findings = watchlistFindings(inArea, since, until);
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

  const totals = await windowTotals(store.db, window);
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
    farewells: section(farewells, LIMITS.farewells),
    lastMessages,
    pleas: section(pleas, LIMITS.pleas),
    casualties,
    places,
    evacuation: section(evacuation, LIMITS.evacuation),
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

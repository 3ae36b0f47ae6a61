import { placeKey } from '../analysis/extract/place-key.ts';
import { arabicPlaceName } from '../analysis/extract/places.ts';
import { accountKey } from '../core/person.ts';
import type { Store } from '../store/contract.ts';
import { digestRows, digestRowsByIds, duplicateGroupsOf, windowTotals } from '../store/queries/digest.ts';
import { loadWatchlist } from '../watch/watchlist.ts';
import { casualtyIncidents } from './casualty-incidents.ts';
import type { Digest, DigestOptions, DigestQuote, DigestSection, WatchEntry } from './digest-model.ts';
import { placeCounts } from './place-counts.ts';
import { collapseDuplicates, ownWords, parseRow, rowAccountKeys, type SelectedRow, toQuote } from './select.ts';
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

function section<T>(items: T[], limit: number): DigestSection<T> {
  return { items: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

const byTime = (a: DigestQuote, b: DigestQuote) => Date.parse(a.postedAt) - Date.parse(b.postedAt);

/** The digest of a window, as data. Reads only; recording it is `recordDigest`. */
export async function buildDigest(store: Store, options: DigestOptions, deps: BuildDigestDeps = {}): Promise<Digest> {
  const key = options.place ? placeKey(options.place) : undefined;
  const window = { since: options.since, until: options.until, ...(key ? { placeKey: key } : {}) };

  const watchlist = await loadWatchlist(store);
  const personOf = new Map<string, (typeof watchlist)[number]['person']>();
  for (const { person } of watchlist)
    for (const a of person.accounts) personOf.set(accountKey(a.platform, a.handle), person);
  const watched = options.people === 'watchlist' ? new Set(personOf.keys()) : undefined;

  const rows = ownWords((await digestRows(store.db, window, Object.values(SECTION_CATEGORIES))).map(parseRow), watched);
  const groups = collapseDuplicates(
    rows,
    await duplicateGroupsOf(
      store.db,
      rows.map((s) => s.row.id),
    ),
  );
  const leads: { lead: SelectedRow; quote: DigestQuote }[] = groups.map((g) => ({
    lead: g.lead,
    quote: toQuote(g.lead, g.similar),
  }));
  const ofCategory = (c: string) => leads.filter((l) => l.lead.row.category === c).map((l) => l.quote);

  const farewells = ofCategory(SECTION_CATEGORIES.farewell).sort(byTime);
  const pleas = ofCategory(SECTION_CATEGORIES.plea).sort((a, b) => b.urgency - a.urgency || byTime(a, b));
  const evacuation = ofCategory(SECTION_CATEGORIES.evacuation).sort(byTime);
  const casualties = casualtyIncidents(leads);
  const places = placeCounts(
    leads.map((l) => l.lead),
    arabicPlaceName,
  );

  // The watchlist: the board across the window, within the place asked for.
  const since = Date.parse(options.since);
  const until = Date.parse(options.until);
  const inArea = key ? watchlist.filter(({ person }) => inPlace(person, key)) : watchlist;
  const findings = watchlistFindings(inArea, since, until);
  const inAreaIds = new Set(inArea.map((x) => x.person.id));
  const goingOffline: WatchEntry[] = [];
  for (const { lead, quote } of leads) {
    if (lead.row.category !== SECTION_CATEGORIES.goingOffline) continue;
    const person = rowAccountKeys(lead.row)
      .map((k) => personOf.get(k))
      .find((p) => p && inAreaIds.has(p.id));
    if (!person) continue;
    goingOffline.push({
      personId: person.id,
      name: person.name,
      ...(person.nameAr ? { nameAr: person.nameAr } : {}),
      ...(person.area ? { area: person.area } : {}),
      kind: 'going_offline',
      at: new Date(Date.parse(quote.postedAt)).toISOString(),
      reason: `announced going offline ${quote.postedAt}`,
      atEnd: false,
      quote,
    });
  }
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

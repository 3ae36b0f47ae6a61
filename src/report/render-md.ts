import type { CasualtyIncident, Digest, DigestLang, DigestQuote, OutageEntry, WatchEntry } from './digest-model.ts';
import { outageReasonAr, reasonAr } from './reason-ar.ts';
import {
  comma,
  digits,
  isolate,
  localTime,
  ltr,
  personLabel,
  placeName,
  shortId,
  strings,
  utcTime,
} from './strings.ts';

/** Markdown escapes for Vigil's own words; quotes go in blockquotes verbatim (only line starts are guarded). */
const esc = (s: string) => s.replace(/([\\`*_[\]<>|])/g, '\\$1');

/**
 * The parts of the line under a quote: who, on which platform, when (their own offset), where, which
 * message, which ledger seq, how it was sorted; then near-duplicates and media.
 */
export function quoteMetaParts(q: DigestQuote, lang: DigestLang): { main: string[]; extra: string[] } {
  const t = strings(lang);
  const who = ltr(q.author.handle ? `@${q.author.handle}` : q.author.id, lang);
  const name = q.author.name && q.author.name !== q.author.handle ? `${isolate(q.author.name, lang)} (${who})` : who;
  const place = q.places.map((p) => placeName(p, lang)).join(comma(lang));
  const main = [
    `${name} ${t.on} ${ltr(q.platform, lang)}`,
    localTime(q.postedAt, lang),
    ...(place ? [place] : []),
    `${t.message} ${ltr(shortId(q.messageId), lang)}`,
    `${t.seq} ${digits(q.seq, lang)}`,
    q.checked ? t.checked : t.machine,
  ].map((p) => isolate(p, lang));
  const extra: string[] = [];
  if (q.similar.length === 1) extra.push(t.similarOne);
  else if (q.similar.length > 1) extra.push(t.similar(digits(q.similar.length, lang)));
  if (q.media.count) {
    extra.push(t.media(digits(q.media.count, lang)));
    if (q.media.graphic) extra.push(t.graphic(digits(q.media.graphic, lang)));
  }
  return { main, extra };
}

export function quoteMeta(q: DigestQuote, lang: DigestLang): string[] {
  const { main, extra } = quoteMetaParts(q, lang);
  return [main.join(' · '), ...(extra.length ? [extra.join(' · ')] : [])];
}

function quoteMd(q: DigestQuote, lang: DigestLang, indent = ''): string[] {
  const t = strings(lang);
  const body = q.text.split(/\r?\n/).map((l) => `${indent}> ${l}`);
  const meta = quoteMeta(q, lang);
  const link = q.url ? ` · [${t.link}](${q.url})` : '';
  const out = [...body, `${indent}>`, `${indent}> — ${esc(meta[0])}${link}`];
  if (meta[1]) out.push(`${indent}> — ${esc(meta[1])}`);
  if (q.translation)
    out.push(
      `${indent}>`,
      ...q.translation.text.split(/\r?\n/).map((l, i) => `${indent}> ${i === 0 ? `*${t.translation}:* ` : ''}${l}`),
    );
  return [...out, ''];
}

function watchMd(e: WatchEntry, lang: DigestLang): string[] {
  const t = strings(lang);
  const area = e.area ? ` (${lang === 'ar' ? (e.areaAr ?? e.area) : e.area})` : '';
  const end = e.kind === 'going_offline' ? '' : `${lang === 'ar' ? '؛ ' : '; '}${e.atEnd ? t.stillAtEnd : t.notAtEnd}`;
  const reason = lang === 'ar' ? reasonAr(e) : e.reason;
  return [
    `- **${esc(personLabel(e, lang))}**${esc(area)}${comma(lang)}${t.since} ${utcTime(e.at, lang)}${end}. ${esc(reason)}`,
    ...(e.quote ? ['', ...quoteMd(e.quote, lang, '  ')] : []),
  ];
}

function outageMd(o: OutageEntry, lang: DigestLang): string {
  const t = strings(lang);
  const area = lang === 'ar' ? (o.areaAr ?? o.area) : o.area;
  const who = o.people.map((p) => personLabel(p, lang)).join(comma(lang));
  const reason = lang === 'ar' ? outageReasonAr(o) : o.reason;
  return `- **${esc(area)}**: ${t.outageSeen} ${utcTime(o.seenFrom, lang)} ${t.to} ${utcTime(o.seenTo, lang)}. ${esc(reason)}. ${t.people}: ${esc(who)}`;
}

export function figureLabel(kind: string, group: string | undefined, lang: DigestLang): string {
  const t = strings(lang);
  return `${t.kinds[kind] ?? kind}${group ? ` (${t.groups[group] ?? group})` : ''}`;
}

function incidentMd(inc: CasualtyIncident, lang: DigestLang): string[] {
  const t = strings(lang);
  const place = inc.place.name === 'place not named' ? t.unknownPlace : placeName(inc.place, lang);
  const out = [`### ${esc(place)}${comma(lang)}${ltr(digits(inc.day, lang), lang)}`, ''];
  for (const f of inc.figures) {
    const counts = f.values.map((v) => digits(v.count, lang)).join(` ${t.vs} `);
    out.push(
      `- ${figureLabel(f.kind, f.group, lang)}: ${f.disagree ? `**${t.disagree}: ${counts}**` : `**${counts}**`}`,
    );
    for (const v of f.values) {
      out.push(`  - **${digits(v.count, lang)}** ${t.reportedBy}:`, '');
      for (const q of v.sources) out.push(...quoteMd(q, lang, '    '));
    }
  }
  return out;
}

function listSection<T>(items: T[], more: number, lang: DigestLang, each: (x: T) => string[]): string[] {
  const t = strings(lang);
  if (!items.length) return [t.none, ''];
  return [...items.flatMap(each), ...(more ? [`*${t.more(digits(more, lang))}*`, ''] : [])];
}

/** The digest as Markdown: headings in the digest's language, quotes verbatim in theirs. */
export function renderMarkdown(d: Digest): string {
  const lang = d.options.lang;
  const t = strings(lang);
  const o = d.options;
  const L: string[] = [];
  L.push(`# ${t.title}: ${utcTime(o.since, lang)} – ${utcTime(o.until, lang)}`, '');
  L.push(
    `${t.window}: ${utcTime(o.since, lang)} – ${utcTime(o.until, lang)} · ${o.place ? esc(o.place) : t.placeAll} · ${o.people === 'watchlist' ? t.peopleWatchlist : t.peopleAll} · ${t.generated} ${utcTime(d.generatedAt, lang)}`,
    '',
    `*${t.warning}*`,
    '',
  );
  if (d.empty) L.push(`**${t.empty}**`, '');

  const w = d.watchlist;
  L.push(`## ${t.s1}`, '');
  for (const [title, list] of [
    [t.silent, w.silent],
    [t.farewellThenActive, w.farewellThenActive],
    [t.safe, w.safe],
    [t.goingOffline, w.goingOffline],
  ] as const) {
    L.push(`### ${title}`, '', ...listSection(list, 0, lang, (e) => watchMd(e, lang)), '');
  }
  L.push(`### ${t.outages}`, '', ...(w.outages.length ? w.outages.map((x) => outageMd(x, lang)) : [t.none]), '');

  L.push(`## ${t.s2}`, '', `### ${t.lastMessages}`, '');
  L.push(...listSection(d.lastMessages, 0, lang, (e) => watchMd(e, lang)));
  L.push(
    `### ${t.farewellPosts}`,
    '',
    ...listSection(d.farewells.items, d.farewells.more, lang, (q) => quoteMd(q, lang)),
  );

  L.push(`## ${t.s3}`, '', ...listSection(d.pleas.items, d.pleas.more, lang, (q) => quoteMd(q, lang)));

  L.push(`## ${t.s4}`, '', `*${t.s4note}*`, '');
  // One line at a time: a week of a large crisis gives hundreds of thousands of lines here, past what a
  // spread into push() can take (the call stack overflows).
  if (!d.casualties.length) L.push(t.none, '');
  for (const i of d.casualties) {
    for (const line of incidentMd(i, lang)) L.push(line);
    L.push('');
  }

  L.push(`## ${t.s5}`, '');
  if (d.places.length) {
    L.push(`| ${t.place} | ${t.damageReports} | ${t.casualtyReports} |`, '|---|---:|---:|');
    for (const p of d.places)
      L.push(`| ${esc(placeName(p.place, lang))} | ${digits(p.damage, lang)} | ${digits(p.casualties, lang)} |`);
    L.push('');
  } else L.push(t.none, '');

  L.push(`## ${t.s6}`, '', ...listSection(d.evacuation.items, d.evacuation.more, lang, (q) => quoteMd(q, lang)));

  L.push('---', '');
  const n = d.totals;
  L.push(
    t.closing(digits(n.messages, lang), digits(n.accounts, lang), digits(n.quoted, lang), digits(n.reposts, lang)),
    '',
    `${t.reproduce}: \`${d.query}\``,
    '',
  );
  return `${L.join('\n').replace(/\n{3,}/g, '\n\n')}`;
}

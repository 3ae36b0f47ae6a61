import type { CasualtyIncident, Digest, DigestLang, DigestQuote, OutageEntry, WatchEntry } from './digest-model.ts';
import { placesMapSvg } from './map-svg.ts';
import { outageReasonAr, reasonAr } from './reason-ar.ts';
import { figureLabel, quoteMetaParts } from './render-md.ts';
import { comma, digits, personLabel, placeName, strings, utcTime } from './strings.ts';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Only http(s) links become anchors; anything else is shown as text. */
const safeUrl = (u: string | undefined) => (u && /^https?:\/\//i.test(u) ? u : undefined);

const CSS = `
*{box-sizing:border-box}
body{font-family:"Noto Sans","Noto Naskh Arabic","DejaVu Sans",Arial,sans-serif;margin:0;padding:24px;color:#1d1d1d;background:#fff;line-height:1.5}
main{max-width:860px;margin:0 auto}
h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.2rem;border-bottom:2px solid #1d1d1d;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin:1.25rem 0 .5rem;color:#444}
.meta-line{color:#555;font-size:.9rem}
.warning{background:#fff4e5;border:1px solid #f0c36d;padding:.4rem .6rem;border-radius:4px;font-size:.9rem}
.empty{font-weight:bold;background:#eef3f8;padding:.6rem;border-radius:4px}
.none{color:#777;font-style:italic}
ul.entries{list-style:none;padding:0;margin:0}
ul.entries>li{margin:0 0 1rem}
blockquote{margin:.4rem 0;padding:.5rem .75rem;border-inline-start:4px solid #8a8a8a;background:#f7f7f7;white-space:pre-wrap;overflow-wrap:anywhere}
blockquote .text{font-size:1rem}
.qmeta{font-size:.8rem;color:#555;margin-top:.35rem;white-space:normal;overflow-wrap:anywhere}
.machine{color:#8a5a00}
.checked{color:#1b6e2a}
.translation{margin-top:.4rem;padding-top:.35rem;border-top:1px dashed #bbb;font-size:.95rem}
.translation .label{display:block;font-size:.75rem;color:#555}
.figure{margin:.4rem 0 .8rem}
.disagree{color:#b3261e;font-weight:bold}
.value{margin-inline-start:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:start}
td.n{text-align:end}
svg.map{width:100%;height:auto;max-width:640px;display:block;margin:.5rem 0;border:1px solid #ddd}
footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:.75rem;font-size:.9rem}
code{font-family:"DejaVu Sans Mono",monospace;font-size:.8rem;overflow-wrap:anywhere;direction:ltr;unicode-bidi:isolate}
@media (max-width:600px){body{padding:12px}h1{font-size:1.2rem}}
@media print{body{padding:0}h2{break-after:avoid}blockquote{break-inside:avoid}}
`;

function quoteHtml(q: DigestQuote, lang: DigestLang): string {
  const t = strings(lang);
  const { main, extra } = quoteMetaParts(q, lang);
  const url = safeUrl(q.url);
  const qlang = q.lang && q.lang !== 'und' ? ` lang="${esc(q.lang)}"` : '';
  const sorted = q.checked
    ? `<span class="checked">${esc(t.checked)}</span>`
    : `<span class="machine">${esc(t.machine)}</span>`;
  const first = main
    .slice(0, -1)
    .map((p) => `<bdi>${esc(p)}</bdi>`)
    .join(' · ');
  const tr = q.translation
    ? `<div class="translation" lang="${esc(q.translation.target)}" dir="auto"><span class="label">${esc(t.translation)}</span>${esc(q.translation.text)}</div>`
    : '';
  return `<blockquote data-message-id="${esc(q.messageId)}" data-seq="${q.seq}"><div class="text" dir="auto"${qlang}>${esc(q.text)}</div>${tr}<div class="qmeta">${first} · ${sorted}${url ? ` · <a href="${esc(url)}">${esc(t.link)}</a>` : ''}${extra.length ? `<br>${esc(extra.join(' · '))}` : ''}</div></blockquote>`;
}

function watchHtml(e: WatchEntry, lang: DigestLang): string {
  const t = strings(lang);
  const area = e.area ? ` (${esc(lang === 'ar' ? (e.areaAr ?? e.area) : e.area)})` : '';
  const end =
    e.kind === 'going_offline' ? '' : `${lang === 'ar' ? '؛ ' : '; '}${esc(e.atEnd ? t.stillAtEnd : t.notAtEnd)}`;
  const reason = lang === 'ar' ? reasonAr(e) : e.reason;
  return `<li data-person-id="${esc(e.personId)}" data-kind="${e.kind}"><strong>${esc(personLabel(e, lang))}</strong>${area}${comma(lang)}${esc(t.since)} <bdi>${esc(utcTime(e.at, lang))}</bdi>${end}. <span class="reason">${esc(reason)}</span>${e.quote ? quoteHtml(e.quote, lang) : ''}</li>`;
}

function outageHtml(o: OutageEntry, lang: DigestLang): string {
  const t = strings(lang);
  const area = lang === 'ar' ? (o.areaAr ?? o.area) : o.area;
  const reason = lang === 'ar' ? outageReasonAr(o) : o.reason;
  return `<li data-area="${esc(o.area)}"><strong>${esc(area)}</strong>: ${esc(t.outageSeen)} <bdi>${esc(utcTime(o.seenFrom, lang))}</bdi> ${esc(t.to)} <bdi>${esc(utcTime(o.seenTo, lang))}</bdi>. ${esc(reason)}. ${esc(t.people)}: ${esc(o.people.map((p) => personLabel(p, lang)).join(comma(lang)))}</li>`;
}

function list<T>(items: T[], more: number, lang: DigestLang, each: (x: T) => string): string {
  const t = strings(lang);
  if (!items.length) return `<p class="none">${esc(t.none)}</p>`;
  const rest = more ? `<p class="none">${esc(t.more(digits(more, lang)))}</p>` : '';
  return `<ul class="entries">${items.map((x) => `<li>${each(x)}</li>`).join('')}</ul>${rest}`;
}

function incidentHtml(inc: CasualtyIncident, lang: DigestLang): string {
  const t = strings(lang);
  const place = inc.place.name === 'place not named' ? t.unknownPlace : placeName(inc.place, lang);
  const figs = inc.figures
    .map((f) => {
      const counts = f.values.map((v) => digits(v.count, lang)).join(` ${t.vs} `);
      const head = f.disagree
        ? `<span class="disagree">${esc(t.disagree)}: ${esc(counts)}</span>`
        : `<strong>${esc(counts)}</strong>`;
      const values = f.values
        .map(
          (v) =>
            `<div class="value" data-count="${v.count}"><strong>${esc(digits(v.count, lang))}</strong> ${esc(t.reportedBy)}:${v.sources.map((q) => quoteHtml(q, lang)).join('')}</div>`,
        )
        .join('');
      return `<div class="figure" data-kind="${f.kind}"${f.disagree ? ' data-disagree="true"' : ''}>${esc(figureLabel(f.kind, f.group, lang))}: ${head}${values}</div>`;
    })
    .join('');
  return `<section class="incident"><h3>${esc(place)}${comma(lang)}<bdi>${esc(digits(inc.day, lang))}</bdi></h3>${figs}</section>`;
}

/** The digest as one self-contained HTML page (inline CSS and SVG, nothing fetched); PDF is printed from it. */
export function renderHtml(d: Digest): string {
  const lang = d.options.lang;
  const t = strings(lang);
  const o = d.options;
  const w = d.watchlist;
  const span = `${utcTime(o.since, lang)} – ${utcTime(o.until, lang)}`;
  const parts: string[] = [];
  parts.push(
    `<h1>${esc(t.title)}: <bdi>${esc(span)}</bdi></h1>`,
    `<p class="meta-line">${esc(t.window)}: <bdi>${esc(span)}</bdi> · ${esc(o.place ?? t.placeAll)} · ${esc(o.people === 'watchlist' ? t.peopleWatchlist : t.peopleAll)} · ${esc(t.generated)} <bdi>${esc(utcTime(d.generatedAt, lang))}</bdi></p>`,
    `<p class="warning">${esc(t.warning)}</p>`,
  );
  if (d.empty) parts.push(`<p class="empty" id="empty">${esc(t.empty)}</p>`);
  parts.push(`<section id="watchlist"><h2>${esc(t.s1)}</h2>`);
  for (const [id, title, items] of [
    ['silent', t.silent, w.silent],
    ['farewell-then-active', t.farewellThenActive, w.farewellThenActive],
    ['safe', t.safe, w.safe],
    ['going-offline', t.goingOffline, w.goingOffline],
  ] as const)
    parts.push(
      `<h3 id="${id}">${esc(title)}</h3>`,
      items.length
        ? `<ul class="entries">${items.map((e) => watchHtml(e, lang)).join('')}</ul>`
        : `<p class="none">${esc(t.none)}</p>`,
    );
  parts.push(
    `<h3 id="outages">${esc(t.outages)}</h3>`,
    w.outages.length
      ? `<ul class="entries">${w.outages.map((x) => outageHtml(x, lang)).join('')}</ul>`
      : `<p class="none">${esc(t.none)}</p>`,
    '</section>',
  );
  parts.push(
    `<section id="farewells"><h2>${esc(t.s2)}</h2><h3>${esc(t.lastMessages)}</h3>`,
    d.lastMessages.length
      ? `<ul class="entries">${d.lastMessages.map((e) => watchHtml(e, lang)).join('')}</ul>`
      : `<p class="none">${esc(t.none)}</p>`,
    `<h3>${esc(t.farewellPosts)}</h3>`,
    list(d.farewells.items, d.farewells.more, lang, (q) => quoteHtml(q, lang)),
    '</section>',
  );
  parts.push(
    `<section id="pleas"><h2>${esc(t.s3)}</h2>`,
    list(d.pleas.items, d.pleas.more, lang, (q) => quoteHtml(q, lang)),
    '</section>',
  );
  parts.push(
    `<section id="casualties"><h2>${esc(t.s4)}</h2><p class="meta-line">${esc(t.s4note)}</p>`,
    d.casualties.length
      ? d.casualties.map((i) => incidentHtml(i, lang)).join('')
      : `<p class="none">${esc(t.none)}</p>`,
    '</section>',
  );
  parts.push(`<section id="places"><h2>${esc(t.s5)}</h2>`);
  if (d.places.length) {
    parts.push(placesMapSvg(d.places, lang), `<p class="meta-line">${esc(t.mapNote)}</p>`);
    parts.push(
      `<table><thead><tr><th>${esc(t.place)}</th><th>${esc(t.damageReports)}</th><th>${esc(t.casualtyReports)}</th></tr></thead><tbody>`,
      ...d.places.map(
        (p) =>
          `<tr><td>${esc(placeName(p.place, lang))}</td><td class="n">${esc(digits(p.damage, lang))}</td><td class="n">${esc(digits(p.casualties, lang))}</td></tr>`,
      ),
      '</tbody></table>',
    );
  } else parts.push(`<p class="none">${esc(t.none)}</p>`);
  parts.push('</section>');
  parts.push(
    `<section id="evacuation"><h2>${esc(t.s6)}</h2>`,
    list(d.evacuation.items, d.evacuation.more, lang, (q) => quoteHtml(q, lang)),
    '</section>',
  );
  const n = d.totals;
  parts.push(
    `<footer id="closing"><p>${esc(t.closing(digits(n.messages, lang), digits(n.accounts, lang), digits(n.quoted, lang), digits(n.reposts, lang)))}</p><p>${esc(t.reproduce)}: <code>${esc(d.query)}</code></p></footer>`,
  );
  return `<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(`${t.title}: ${span}`)}</title><style>${CSS}</style></head>
<body><main>${parts.join('\n')}</main></body></html>
`;
}

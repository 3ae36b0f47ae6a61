import type {
  CasualtyIncident,
  Digest,
  DigestLang,
  DigestQuote,
  WatchEntry,
} from '../../../src/report/digest-model.ts';
import { outageReasonAr, reasonAr } from '../../../src/report/reason-ar.ts';
import {
  comma,
  digits,
  localTime,
  personLabel,
  placeName,
  shortId,
  strings,
  utcTime,
} from '../../../src/report/strings.ts';
import { href } from '../router.tsx';

/** A digest as the API sends it (JSON), drawn in its own language, the same sections as the HTML and PDF. */

function Quote({ q, lang }: { q: DigestQuote; lang: DigestLang }) {
  const t = strings(lang);
  const who = q.author.handle ? `@${q.author.handle}` : q.author.id;
  return (
    <blockquote className="digest-quote" data-message-id={q.messageId}>
      <p dir="auto" lang={q.lang && q.lang !== 'und' ? q.lang : undefined}>
        {q.text}
      </p>
      {q.translation && (
        <p className="digest-translation" dir="auto" lang={q.translation.target}>
          <span className="muted">{t.translation}</span> {q.translation.text}
        </p>
      )}
      <p className="digest-meta">
        <bdi>{q.author.name ? `${q.author.name} (${who})` : who}</bdi> {t.on} <bdi>{q.platform}</bdi> ·{' '}
        <bdi>{localTime(q.postedAt, lang)}</bdi>
        {q.places.length > 0 && <> · {q.places.map((p) => placeName(p, lang)).join(comma(lang))}</>} ·{' '}
        <a href={href(`/m/${q.messageId}`)}>
          {t.message} <bdi dir="ltr">{shortId(q.messageId)}</bdi>
        </a>{' '}
        · {t.seq} {digits(q.seq, lang)} ·{' '}
        <span className={q.checked ? 'checked' : 'machine'}>{q.checked ? t.checked : t.machine}</span>
        {q.url && /^https?:\/\//.test(q.url) && (
          <>
            {' '}
            ·{' '}
            <a href={q.url} rel="noreferrer noopener" target="_blank">
              {t.link}
            </a>
          </>
        )}
        {q.similar.length > 0 && (
          <> · {q.similar.length === 1 ? t.similarOne : t.similar(digits(q.similar.length, lang))}</>
        )}
        {q.media.count > 0 && (
          <>
            {' '}
            · {t.media(digits(q.media.count, lang))}
            {q.media.graphic > 0 && <> · {t.graphic(digits(q.media.graphic, lang))}</>}
          </>
        )}
      </p>
    </blockquote>
  );
}

function Entry({ e, lang }: { e: WatchEntry; lang: DigestLang }) {
  const t = strings(lang);
  const area = e.area ? ` (${lang === 'ar' ? (e.areaAr ?? e.area) : e.area})` : '';
  return (
    <li data-person-id={e.personId} data-kind={e.kind}>
      <strong>{personLabel(e, lang)}</strong>
      {area}
      {comma(lang)}
      {t.since} <bdi>{utcTime(e.at, lang)}</bdi>
      {e.kind !== 'going_offline' && (
        <>
          {lang === 'ar' ? '؛ ' : '; '}
          {e.atEnd ? t.stillAtEnd : t.notAtEnd}
        </>
      )}
      . <span className="muted">{lang === 'ar' ? reasonAr(e) : e.reason}</span>
      {e.quote && <Quote q={e.quote} lang={lang} />}
    </li>
  );
}

function Quotes({ items, more, lang }: { items: DigestQuote[]; more: number; lang: DigestLang }) {
  const t = strings(lang);
  if (!items.length) return <p className="muted">{t.none}</p>;
  return (
    <>
      {items.map((q) => (
        <Quote key={q.messageId} q={q} lang={lang} />
      ))}
      {more > 0 && <p className="muted">{t.more(digits(more, lang))}</p>}
    </>
  );
}

function Entries({ items, lang }: { items: WatchEntry[]; lang: DigestLang }) {
  const t = strings(lang);
  if (!items.length) return <p className="muted">{t.none}</p>;
  return (
    <ul className="digest-entries">
      {items.map((e) => (
        <Entry key={`${e.personId} ${e.kind}`} e={e} lang={lang} />
      ))}
    </ul>
  );
}

function Incident({ inc, lang }: { inc: CasualtyIncident; lang: DigestLang }) {
  const t = strings(lang);
  const place = inc.place.name === 'place not named' ? t.unknownPlace : placeName(inc.place, lang);
  return (
    <section className="digest-incident">
      <h4>
        {place}
        {comma(lang)}
        <bdi>{digits(inc.day, lang)}</bdi>
      </h4>
      {inc.figures.map((f) => {
        const counts = f.values.map((v) => digits(v.count, lang)).join(` ${t.vs} `);
        return (
          <div key={`${f.kind} ${f.group ?? ''}`} className="digest-figure">
            {t.kinds[f.kind] ?? f.kind}
            {f.group ? ` (${t.groups[f.group] ?? f.group})` : ''}:{' '}
            {f.disagree ? (
              <strong className="disagree">
                {t.disagree}: {counts}
              </strong>
            ) : (
              <strong>{counts}</strong>
            )}
            {f.values.map((v) => (
              <div key={v.count} className="digest-value">
                <strong>{digits(v.count, lang)}</strong> {t.reportedBy}:
                {v.sources.map((q) => (
                  <Quote key={q.messageId} q={q} lang={lang} />
                ))}
              </div>
            ))}
          </div>
        );
      })}
    </section>
  );
}

export function DigestView({ d }: { d: Digest }) {
  const lang = d.options.lang;
  const t = strings(lang);
  const w = d.watchlist;
  const n = d.totals;
  return (
    <article className="digest" dir={lang === 'ar' ? 'rtl' : 'ltr'} lang={lang}>
      <h2>
        {t.title}: <bdi>{utcTime(d.options.since, lang)}</bdi> – <bdi>{utcTime(d.options.until, lang)}</bdi>
      </h2>
      <p className="content-warning">{t.warning}</p>
      {d.empty && (
        <p className="digest-empty" id="digest-empty">
          <strong>{t.empty}</strong>
        </p>
      )}
      <h3>{t.s1}</h3>
      <h4>{t.silent}</h4>
      <Entries items={w.silent} lang={lang} />
      <h4>{t.farewellThenActive}</h4>
      <Entries items={w.farewellThenActive} lang={lang} />
      <h4>{t.safe}</h4>
      <Entries items={w.safe} lang={lang} />
      <h4>{t.goingOffline}</h4>
      <Entries items={w.goingOffline} lang={lang} />
      <h4>{t.outages}</h4>
      {w.outages.length ? (
        <ul className="digest-entries">
          {w.outages.map((o) => (
            <li key={o.area} data-area={o.area}>
              <strong>{lang === 'ar' ? (o.areaAr ?? o.area) : o.area}</strong>: {t.outageSeen}{' '}
              <bdi>{utcTime(o.seenFrom, lang)}</bdi> {t.to} <bdi>{utcTime(o.seenTo, lang)}</bdi>.{' '}
              {lang === 'ar' ? outageReasonAr(o) : o.reason}. {t.people}:{' '}
              {o.people.map((p) => personLabel(p, lang)).join(comma(lang))}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.none}</p>
      )}
      <h3>{t.s2}</h3>
      <h4>{t.lastMessages}</h4>
      <Entries items={d.lastMessages} lang={lang} />
      <h4>{t.farewellPosts}</h4>
      <Quotes items={d.farewells.items} more={d.farewells.more} lang={lang} />
      <h3>{t.s3}</h3>
      <Quotes items={d.pleas.items} more={d.pleas.more} lang={lang} />
      <h3>{t.s4}</h3>
      <p className="muted">{t.s4note}</p>
      {d.casualties.length ? (
        d.casualties.map((i) => <Incident key={`${i.place.name} ${i.day}`} inc={i} lang={lang} />)
      ) : (
        <p className="muted">{t.none}</p>
      )}
      <h3>{t.s5}</h3>
      {d.places.length ? (
        <table className="digest-places">
          <thead>
            <tr>
              <th>{t.place}</th>
              <th>{t.damageReports}</th>
              <th>{t.casualtyReports}</th>
            </tr>
          </thead>
          <tbody>
            {d.places.map((p) => (
              <tr key={p.place.name}>
                <td>{placeName(p.place, lang)}</td>
                <td>{digits(p.damage, lang)}</td>
                <td>{digits(p.casualties, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t.none}</p>
      )}
      <h3>{t.s6}</h3>
      <Quotes items={d.evacuation.items} more={d.evacuation.more} lang={lang} />
      <footer className="digest-closing">
        <p>
          {t.closing(
            digits(n.messages, lang),
            digits(n.accounts, lang),
            digits(n.quoted, lang),
            digits(n.reposts, lang),
          )}
        </p>
        <p>
          {t.reproduce}: <code dir="ltr">{d.query}</code>
        </p>
      </footer>
    </article>
  );
}

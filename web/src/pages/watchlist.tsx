import { useEffect, useState } from 'react';
import { stateRank } from '../../../src/watch/state-order.ts';
import { api, type Me } from '../api.ts';
import { Accounts } from '../components/accounts.tsx';
import { Sparkline } from '../components/sparkline.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
import {
  type Explanation,
  type OutageFacts,
  type Replay,
  renderReason,
  replayBanner,
  type WideSilenceFacts,
} from '../explain.ts';
import { PFIF_LABELS, STATE_LABELS, useI18n } from '../i18n.tsx';
import { useLiveEvents } from '../live.tsx';
import { href } from '../router.tsx';

export interface BoardRow {
  person: string;
  personId: string;
  nameAr: string | null;
  state: string;
  lastSeen: string | null;
  since: string | null;
  reason: string;
  /** The reason as data; rendered in Arabic on Arabic pages. */
  explanation: Explanation | null;
  outage: string | null;
  area: string | null;
  /** The area's Arabic name when the gazetteer knows it. */
  areaAr: string | null;
  accounts: { platform: string; handle: string }[];
  usualGapMs: number | null;
  currentGapMs: number | null;
  pGap: number | null;
  posts: number;
  sparkline: number[];
  notes: number;
  pfifStatus: string | null;
  lastNote: { text: string; author: string; at: string } | null;
  lastMessages: { id: string; at: string; platform: string; url?: string }[];
}

export interface Board {
  at: string;
  /** Set when the board is judged at a replay instant rather than now. */
  replay: Replay | null;
  rows: BoardRow[];
  outages: {
    area: string;
    people: string[];
    from: string;
    to: string;
    of: number;
    reason: string;
    explanation?: OutageFacts;
  }[];
  /** Nobody on the whole watchlist is posting: likely Vigil's own collection stopped, or a wider blackout. */
  wideSilence?: { people: string[]; reason: string; explanation: WideSilenceFacts } | null;
}

/** Says plainly that the board is a replay at T, not now. Nothing at all when it is judged at now. */
export function ReplayBanner({ replay, me }: { replay: Replay | null; me: Me }) {
  const i18n = useI18n();
  if (!replay) return null;
  return (
    <div className="banner info replay" role="status">
      <strong>{replayBanner(replay, i18n.lang, i18n)}</strong>
      {me.role === 'admin' && <div className="muted">{i18n.t('replayAdminHint')}</div>}
    </div>
  );
}

/** Everyone silent at once: said first and loudest, since it may mean Vigil itself stopped collecting. */
export function WideSilenceBanner({ board }: { board: Board }) {
  const i18n = useI18n();
  const { t, fmtTime, fmtNumber, lang } = i18n;
  const w = board.wideSilence;
  if (!w) return null;
  const why = renderReason(w.reason, { kind: 'wide_silence', wide: w.explanation }, lang, i18n);
  return (
    <div className="banner wide-silence" role="alert">
      <strong>{t('wideSilenceBanner')}</strong>{' '}
      <span>
        ({fmtNumber(w.explanation.people)}/{fmtNumber(w.explanation.of)} · {fmtTime(w.explanation.lastPostAt)})
      </span>
      <div className="reason-text" dir={why.dir} lang={why.lang}>
        {why.text}
      </div>
    </div>
  );
}

export function OutageBanners({ board }: { board: Board }) {
  const i18n = useI18n();
  const { t, fmtTime, fmtNumber, lang } = i18n;
  const members = (ids: string[]) =>
    board.rows
      .filter((r) => ids.includes(r.personId))
      .map((r) => ({ id: r.personId, name: r.person, nameAr: r.nameAr ?? undefined }));
  return (
    <>
      {board.outages.map((o) => {
        const why = renderReason(
          o.reason,
          o.explanation && { kind: 'outage', outage: o.explanation, members: members(o.people) },
          lang,
          i18n,
        );
        return (
          <div key={o.area} className="banner outage" role="alert">
            <strong>
              {t('outageBanner')} <bdi>{lang === 'ar' ? (o.explanation?.areaAr ?? o.area) : o.area}</bdi>
            </strong>{' '}
            <span>
              ({fmtNumber(o.people.length)}/{fmtNumber(o.of)} · {fmtTime(o.from)} – {fmtTime(o.to)})
            </span>
            <div className="muted reason-text" dir={why.dir} lang={why.lang}>
              {why.text}
            </div>
          </div>
        );
      })}
    </>
  );
}

export function WatchlistPage({ me }: { me: Me }) {
  const i18n = useI18n();
  const { t, lang, fmtTime, fmtDuration, pick } = i18n;
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => api<Board>('/api/people').then(setBoard).catch(setError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once; live events reload
  useEffect(() => {
    void load();
  }, []);
  useLiveEvents((e) => {
    if (e.type === 'person' || e.type === 'alert') void load();
  });

  if (error) return <ErrorBox error={error} />;
  if (!board) return <Loading />;
  const rows = [...board.rows].sort((a, b) => stateRank(a.state) - stateRank(b.state));
  return (
    <div className="page watchlist">
      <ReplayBanner replay={board.replay} me={me} />
      <WideSilenceBanner board={board} />
      <OutageBanners board={board} />
      {me.role !== 'viewer' && (
        <div className="result-bar">
          <span />
          <a className="button" href="/api/export/people.pfif.xml" download>
            {t('exportPfif')}
          </a>
        </div>
      )}
      {rows.length === 0 && <p className="muted">{t('noPeople')}</p>}
      <div className="person-grid">
        {rows.map((r) => {
          const why = renderReason(r.reason, r.explanation, lang, i18n);
          return (
            <a key={r.personId} className={`person-card state-${r.state}`} href={href(`/people/${r.personId}`)}>
              <header>
                <h3 dir="auto">{lang === 'ar' && r.nameAr ? r.nameAr : r.person}</h3>
                <span className={`state-badge state-${r.state}`}>{pick(STATE_LABELS[r.state], r.state)}</span>
              </header>
              {r.outage && (
                <p className="outage-note">
                  {t('outageBanner')}{' '}
                  <bdi>{lang === 'ar' && r.areaAr && r.outage === r.area ? r.areaAr : r.outage}</bdi>
                </p>
              )}
              {r.explanation?.wide && <p className="outage-note wide-note">{t('wideSilenceNote')}</p>}
              <dl className="facts">
                <dt>{t('lastSeen')}</dt>
                <dd>{fmtTime(r.lastSeen)}</dd>
                <dt>{t('usualGap')}</dt>
                <dd>{fmtDuration(r.usualGapMs)}</dd>
                <dt>{t('currentGap')}</dt>
                <dd>{fmtDuration(r.currentGapMs)}</dd>
              </dl>
              <Sparkline values={r.sparkline} label={t('posts14')} />
              <p className="reason" dir={why.dir} lang={why.lang}>
                {why.text}
              </p>
              {(r.pfifStatus || r.lastNote) && (
                <p className="note-line">
                  {r.pfifStatus && <span className="pfif">{pick(PFIF_LABELS[r.pfifStatus], r.pfifStatus)}</span>}{' '}
                  {r.lastNote && (
                    <span dir="auto">
                      “<bdi>{r.lastNote.text.slice(0, 90)}</bdi>” — <bdi>{r.lastNote.author}</bdi>
                    </span>
                  )}
                </p>
              )}
              <Accounts accounts={r.accounts} />
            </a>
          );
        })}
      </div>
    </div>
  );
}

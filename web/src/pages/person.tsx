import { type FormEvent, useEffect, useState } from 'react';
import { api, type Me } from '../api.ts';
import { Accounts } from '../components/accounts.tsx';
import { Sparkline } from '../components/sparkline.tsx';
import { Card, ErrorBox, Loading } from '../components/status.tsx';
import { type Replay, renderReason } from '../explain.ts';
import { PFIF_LABELS, STATE_LABELS, useI18n } from '../i18n.tsx';
import { useLiveEvents } from '../live.tsx';
import { href } from '../router.tsx';
import { type BoardRow, ReplayBanner } from './watchlist.tsx';

interface PersonView {
  person: {
    id: string;
    name: string;
    nameAr?: string;
    area?: string;
    tags: string[];
    accounts: { platform: string; handle: string }[];
  };
  at: string;
  replay: Replay | null;
  status: BoardRow;
  notes: {
    id: string;
    status?: string;
    authorMadeContact?: boolean;
    text: string;
    author: string;
    at: string;
    supersededBy?: string;
  }[];
}

export function PersonPage({ id, me }: { id: string; me: Me }) {
  const i18n = useI18n();
  const { t, lang, fmtTime, fmtDuration, fmtChance, pick } = i18n;
  const [v, setV] = useState<PersonView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [contact, setContact] = useState(false);
  const [saved, setSaved] = useState(false);
  const load = () => api<PersonView>(`/api/people/${id}`).then(setV).catch(setError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload per person
  useEffect(() => {
    void load();
  }, [id]);
  useLiveEvents(
    (e) => {
      if (e.type === 'person' && e.data.personId === id) void load();
    },
    [id],
  );

  async function addNote(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    try {
      await api(`/api/people/${id}/notes`, {
        method: 'POST',
        body: { text, status: status || undefined, authorMadeContact: contact || undefined },
      });
      setText('');
      setStatus('');
      setContact(false);
      setSaved(true);
      await load();
    } catch (err) {
      setError(err);
    }
  }

  if (!v) return error ? <ErrorBox error={error} /> : <Loading />;
  const s = v.status;
  const why = renderReason(s.reason, s.explanation, lang, i18n);
  return (
    <div className="page person">
      <a className="back" href={href('/people')}>
        {lang === 'ar' ? '→' : '←'} {t('navWatchlist')}
      </a>
      <ErrorBox error={error} />
      <ReplayBanner replay={v.replay} me={me} />
      <Card
        title={
          <span dir="auto">
            <bdi>{v.person.name}</bdi>
            {v.person.nameAr && (
              <span className="name-ar">
                {' '}
                · <bdi>{v.person.nameAr}</bdi>
              </span>
            )}
          </span>
        }
        actions={<span className={`state-badge state-${s.state}`}>{pick(STATE_LABELS[s.state], s.state)}</span>}
      >
        {s.outage && (
          <div className="banner outage">
            {t('outageBanner')} <bdi>{s.outage}</bdi>
          </div>
        )}
        {s.explanation?.wide && <div className="banner wide-silence">{t('wideSilenceNote')}</div>}
        <dl className="facts wide">
          <dt>{t('lastSeen')}</dt>
          <dd>{fmtTime(s.lastSeen)}</dd>
          <dt>{t('usualGap')}</dt>
          <dd>{fmtDuration(s.usualGapMs)}</dd>
          <dt>{t('currentGap')}</dt>
          <dd>
            {fmtDuration(s.currentGapMs)}
            {s.pGap !== null && (
              <span className="muted">
                {' '}
                · {t('pGap')} {fmtChance(s.pGap)}
              </span>
            )}
          </dd>
          <dt>{t('place')}</dt>
          <dd dir="auto">{(lang === 'ar' && s.areaAr) || v.person.area || '—'}</dd>
        </dl>
        <Sparkline values={s.sparkline} label={t('posts14')} />
        <p className="reason" dir={why.dir} lang={why.lang}>
          {why.text}
        </p>
        <Accounts accounts={v.person.accounts} />
        {s.lastMessages.length > 0 && (
          <>
            <h3>{t('lastMessages')}</h3>
            <ul className="last-messages">
              {s.lastMessages.map((m) => (
                <li key={m.id}>
                  <a href={href(`/m/${m.id}`)}>
                    {fmtTime(m.at)} · {m.platform}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <Card title={t('notes')}>
        <ol className="notes">
          {v.notes.map((n) => (
            <li key={n.id} className={n.supersededBy ? 'superseded' : undefined}>
              <div className="note-head">
                {n.status && <span className="pfif">{pick(PFIF_LABELS[n.status], n.status)}</span>}
                <span className="muted">
                  <bdi>{n.author}</bdi> · {fmtTime(n.at)}
                </span>
              </div>
              <p dir="auto">{n.text}</p>
            </li>
          ))}
        </ol>
        {me.role !== 'viewer' && (
          <form className="note-form" onSubmit={addNote}>
            <h3>{t('addNote')}</h3>
            <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('status')} name="status">
              <option value="">{t('noStatus')}</option>
              {Object.entries(PFIF_LABELS).map(([k, l]) => (
                <option key={k} value={k}>
                  {l[lang]}
                </option>
              ))}
            </select>
            <textarea
              name="text"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('noteText')}
              required
              rows={3}
              dir="auto"
            />
            <label className="inline">
              <input type="checkbox" checked={contact} onChange={(e) => setContact(e.target.checked)} />{' '}
              {t('madeContact')}
            </label>
            <button type="submit" className="primary">
              {t('addNote')}
            </button>
            {saved && <span className="saved">{t('noteAdded')}</span>}
          </form>
        )}
      </Card>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { api, type Me } from '../api.ts';
import { ErrorBox, Loading } from '../components/status.tsx';
import { type Explanation, renderAlertTitle, renderReason } from '../explain.ts';
import { ALERT_KIND_LABELS, useI18n } from '../i18n.tsx';
import { useLiveEvents } from '../live.tsx';
import { href } from '../router.tsx';

interface StoredAlert {
  alert: {
    id: string;
    kind: string;
    title: string;
    reason: string;
    at: string;
    personId?: string;
    area?: string;
    evidence: { lastPostAt?: string; usualGapMs?: number; currentGapMs?: number; pGap?: number; jointP?: number };
    /** Absent on alerts raised before explanations existed: those show their English text. */
    explanation?: Explanation;
    links: { messageId: string; at: string; platform: string; url?: string }[];
  };
  seq: number;
  acknowledged?: { at: string; by: string; comment?: string };
  /** Where it went: webhooks by origin only, email by address. */
  deliveries?: {
    channel: string;
    target: string;
    ok: boolean;
    tries: number;
    lastAt: string;
    lastStatus?: number;
    lastError?: string;
  }[];
}

/** One line per channel: delivered (when), or not yet (how many tries, the last status or error). */
function Deliveries({ list }: { list: NonNullable<StoredAlert['deliveries']> }) {
  const { t, fmtTime, fmtNumber } = useI18n();
  if (list.length === 0) return <p className="deliveries muted">{t('noDelivery')}</p>;
  return (
    <p className="deliveries">
      <strong>{t('sentTo')}:</strong>
      {list.map((d) => (
        <span key={`${d.channel} ${d.target}`} className={d.ok ? 'sent' : 'not-sent'} data-delivery={d.channel}>
          {d.ok ? '✔' : '✖'}{' '}
          {d.channel === 'email' ? t('channel_email') : d.channel === 'webhook' ? t('channel_webhook') : d.channel}{' '}
          <bdi dir="ltr">{d.target}</bdi> ·{' '}
          {d.ok ? (
            fmtTime(d.lastAt)
          ) : (
            <>
              {t('notSentYet')} ({t('tries')}: {fmtNumber(d.tries)}, <bdi dir="ltr">{d.lastStatus ?? d.lastError}</bdi>)
            </>
          )}
        </span>
      ))}
    </p>
  );
}

export function AlertsPage({ me }: { me: Me }) {
  const i18n = useI18n();
  const { t, lang, fmtTime, fmtDuration, fmtChance, pick } = i18n;
  const [tab, setTab] = useState<'open' | 'acknowledged'>('open');
  const [alerts, setAlerts] = useState<StoredAlert[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [comments, setComments] = useState<Record<string, string>>({});
  const load = () =>
    api<StoredAlert[]>('/api/alerts', { query: { state: tab } })
      .then(setAlerts)
      .catch(setError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload per tab
  useEffect(() => {
    setAlerts(null);
    void load();
  }, [tab]);
  useLiveEvents(
    (e) => {
      if (e.type === 'alert') void load();
    },
    [tab],
  );

  async function ack(id: string) {
    try {
      await api(`/api/alerts/${id}/ack`, { method: 'POST', body: { comment: comments[id] || undefined } });
      await load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="page alerts">
      <div className="tabs" role="tablist">
        {(['open', 'acknowledged'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? 'active' : undefined}
            onClick={() => setTab(k)}
          >
            {k === 'open' ? t('openAlerts') : t('acknowledged')}
          </button>
        ))}
      </div>
      <ErrorBox error={error} />
      {alerts === null ? (
        <Loading />
      ) : alerts.length === 0 ? (
        <p className="muted">{t('noAlerts')}</p>
      ) : (
        <ul className="alert-list">
          {alerts.map(({ alert: a, acknowledged, deliveries }) => {
            const title = renderAlertTitle(a, lang, i18n);
            const why = renderReason(a.reason, a.explanation, lang, i18n);
            return (
              <li key={a.id} className={`alert-card kind-${a.kind.replace('.', '-')}`} data-alert={a.id}>
                <header>
                  <h3 dir={title.dir} lang={title.lang}>
                    {title.text}
                  </h3>
                  <time dateTime={a.at}>{fmtTime(a.at)}</time>
                </header>
                <p className="reason">
                  <span className="kind-label">{pick(ALERT_KIND_LABELS[a.kind], a.kind)}</span>{' '}
                  <strong>{t('reason')}:</strong>{' '}
                  <span className="reason-text" dir={why.dir} lang={why.lang}>
                    {why.text}
                  </span>
                </p>
                <dl className="facts">
                  {a.evidence.lastPostAt && (
                    <>
                      <dt>{t('lastSeen')}</dt>
                      <dd>{fmtTime(a.evidence.lastPostAt)}</dd>
                    </>
                  )}
                  {a.evidence.usualGapMs !== undefined && (
                    <>
                      <dt>{t('usualGap')}</dt>
                      <dd>{fmtDuration(a.evidence.usualGapMs)}</dd>
                    </>
                  )}
                  {a.evidence.currentGapMs !== undefined && (
                    <>
                      <dt>{t('currentGap')}</dt>
                      <dd>{fmtDuration(a.evidence.currentGapMs)}</dd>
                    </>
                  )}
                  {a.evidence.pGap !== undefined && (
                    <>
                      <dt>{t('pGap')}</dt>
                      <dd>{fmtChance(a.evidence.pGap)}</dd>
                    </>
                  )}
                </dl>
                <p className="links">
                  {a.personId && <a href={href(`/people/${a.personId}`)}>{t('person')}</a>}
                  {a.links.slice(0, 3).map((l) => (
                    <a key={l.messageId} href={href(`/m/${l.messageId}`)}>
                      {t('message')} · {fmtTime(l.at)}
                    </a>
                  ))}
                </p>
                {deliveries && <Deliveries list={deliveries} />}
                {acknowledged ? (
                  <p className="acked">
                    ✔ {t('acknowledged')} {t('by')} {acknowledged.by} · {fmtTime(acknowledged.at)}
                    {acknowledged.comment && <span dir="auto"> — {acknowledged.comment}</span>}
                  </p>
                ) : (
                  me.role !== 'viewer' && (
                    <div className="ack-row">
                      <input
                        value={comments[a.id] ?? ''}
                        onChange={(e) => setComments({ ...comments, [a.id]: e.target.value })}
                        placeholder={t('ackComment')}
                        aria-label={t('ackComment')}
                        dir="auto"
                      />
                      <button type="button" className="primary" onClick={() => ack(a.id)}>
                        {t('acknowledge')}
                      </button>
                    </div>
                  )
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

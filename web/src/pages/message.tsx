import { useEffect, useState } from 'react';
import { ApiError, api, type Me } from '../api.ts';
import { CATEGORIES, categoryOf } from '../categories.ts';
import { CapturesPanel } from '../components/captures.tsx';
import { MediaList } from '../components/media.tsx';
import { Card, ErrorBox, Loading } from '../components/status.tsx';
import { CASUALTY_LABELS, useI18n } from '../i18n.tsx';
import { href } from '../router.tsx';
import { safeHttpUrl } from '../safe-url.ts';

interface Detail {
  message: {
    id: string;
    platform: string;
    nativeId: string;
    url?: string;
    author: { id: string; handle?: string; displayName?: string };
    postedAt: string;
    capturedAt: string;
    text: string;
    lang?: string;
    media: { sha256?: string; mime?: string; graphic?: boolean; url?: string; originalName?: string }[];
    deleted?: boolean;
    seq: number;
    versions: number;
  };
  provenance: {
    identityHash: string;
    contentHash: string;
    source: string;
    locator: string;
    importer: { name: string; version: string };
    capturedAt: string;
    blob: { sha256: string; bytes?: number; name?: string | null; mime?: string | null };
    ledger: { seq: number; kind?: string; at?: string; actor?: string; hash?: string; prevHash?: string };
    versions: { contentHash: string; seq: number; capturedAt: string }[];
  };
  analysis: null | {
    category: string;
    confidence: number;
    modelVersion?: string;
    confirmedBy?: string;
    confirmedAt?: string;
    source?: 'person' | 'model' | 'keywords';
    flags?: { eyewitness: boolean; urgency: number };
    casualties?: { kind: string; count: number; group?: string }[];
    places?: { name: string; lat: number; lon: number }[];
  };
  nearDuplicates: { id: string; text: string; postedAt: string; author?: string; similarity?: number }[];
}

interface VerifyResult {
  ok: boolean;
  checkedAt: string;
  checks: { name: string; ok: boolean; expected?: string; found?: string }[];
}

function Hash({ value }: { value: string }) {
  return (
    <code className="hash" dir="ltr" title={value}>
      {value}
    </code>
  );
}

export function MessagePage({ id, me }: { id: string; me: Me }) {
  const { t, lang, fmtTime, fmtNumber, pick } = useI18n();
  const [d, setD] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verify, setVerify] = useState<VerifyResult | 'busy' | null>(null);
  const [labelError, setLabelError] = useState<unknown>(null);
  const [correction, setCorrection] = useState('');
  const [revealed, setRevealed] = useState(false);

  const load = () => api<Detail>(`/api/messages/${id}`).then(setD).catch(setError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the id changes
  useEffect(() => {
    setD(null);
    setVerify(null);
    void load();
  }, [id]);

  if (error) return <ErrorBox error={error} />;
  if (!d) return <Loading />;
  const m = d.message;
  const p = d.provenance;
  const a = d.analysis;
  const cat = categoryOf(a?.category);
  const farewell = a?.category === 'farewell';
  const original = safeHttpUrl(m.url);

  async function runVerify() {
    setVerify('busy');
    try {
      setVerify(await api<VerifyResult>(`/api/messages/${m.id}/verify`, { method: 'POST' }));
    } catch (err) {
      setVerify(null);
      setError(err);
    }
  }

  async function label(category: string) {
    setLabelError(null);
    try {
      await api('/api/labels', { method: 'POST', body: { messageId: m.id, category } });
      await load();
    } catch (err) {
      setLabelError(err instanceof ApiError ? err : String(err));
    }
  }

  return (
    <div className="page message-detail">
      <a className="back" href={href('/')}>
        {lang === 'ar' ? '→' : '←'} {t('back')}
      </a>
      <Card title={t('message')}>
        <div className="message-meta">
          <span className="author" dir="auto">
            {m.author.displayName ?? m.author.handle ?? m.author.id}
          </span>
          {m.author.handle && (
            <span className="handle" dir="ltr">
              @{m.author.handle.replace(/^@/, '')}
            </span>
          )}
          <span className="platform">{m.platform}</span>
          <time dateTime={m.postedAt}>{fmtTime(m.postedAt)}</time>
          {m.lang && <span className="lang-tag">{m.lang}</span>}
          {original && (
            <a href={original} rel="noreferrer noopener" target="_blank" dir="ltr">
              {t('openOriginal')} ↗
            </a>
          )}
        </div>
        {farewell && !revealed ? (
          <div className="content-warning">
            <p>{t('farewellWarning')}</p>
            <button type="button" onClick={() => setRevealed(true)}>
              {t('showMessage')}
            </button>
          </div>
        ) : (
          <>
            <p className="message-text large" dir="auto">
              {m.text}
            </p>
            <MediaList messageId={m.id} media={m.media} />
          </>
        )}
      </Card>

      {(!farewell || revealed) && <CapturesPanel messageId={m.id} />}

      <Card title={t('category')}>
        {a ? (
          <p>
            <span className={`badge cat-${a.category}`}>{cat ? cat[lang] : a.category}</span>{' '}
            <span className="muted">
              {t('confidence')} {fmtNumber(Math.round(a.confidence * 100))}% ·{' '}
              {a.confirmedBy
                ? `${t('confirmedBy')} ${a.confirmedBy}`
                : a.source === 'keywords'
                  ? t('keywordGuess')
                  : `${t('suggestedBy')} ${a.modelVersion ?? ''}`}
            </span>
          </p>
        ) : (
          <p className="muted">{t('notAnalysed')}</p>
        )}
        {me.role !== 'viewer' && (
          <div className="label-controls">
            {a && !a.confirmedBy && (
              <button type="button" onClick={() => label(a.category)}>
                {t('confirm')}
              </button>
            )}
            <select value={correction} onChange={(e) => setCorrection(e.target.value)} aria-label={t('correctTo')}>
              <option value="">{t('correctTo')}</option>
              {CATEGORIES.map((c) => (
                <option key={c.id} value={c.id}>
                  {c[lang]}
                </option>
              ))}
            </select>
            <button type="button" disabled={!correction} onClick={() => label(correction)}>
              {t('save')}
            </button>
          </div>
        )}
        <ErrorBox error={labelError} />
      </Card>

      <div className="two-col">
        <Card title={t('figures')}>
          {a?.casualties?.length ? (
            <ul className="figures">
              {a.casualties.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
                <li key={i}>
                  <strong>{fmtNumber(c.count)}</strong> {pick(CASUALTY_LABELS[c.kind], c.kind)}
                  {c.group ? ` (${pick(CASUALTY_LABELS[c.group], c.group)})` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('noFigures')}</p>
          )}
          {a?.places?.length ? <p className="muted">{a.places.map((pl) => pl.name).join(' · ')}</p> : null}
        </Card>
        <Card title={t('nearDuplicates')}>
          {d.nearDuplicates.length ? (
            <ul className="dups">
              {d.nearDuplicates.map((n) => (
                <li key={n.id}>
                  <a href={href(`/m/${n.id}`)} dir="auto">
                    {n.text.slice(0, 140)}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('none')}</p>
          )}
        </Card>
      </div>

      <Card
        title={t('provenance')}
        actions={
          <button type="button" className="primary" onClick={runVerify} disabled={verify === 'busy'}>
            {verify === 'busy' ? t('verifying') : t('verify')}
          </button>
        }
      >
        {verify && verify !== 'busy' && (
          <div className={`verify-result ${verify.ok ? 'ok' : 'bad'}`} role="status">
            <strong>{verify.ok ? `✔ ${t('verified')}` : `✘ ${t('verifyFailed')}`}</strong>
            <ul>
              {verify.checks.map((c) => (
                <li key={c.name} className={c.ok ? 'ok' : 'bad'} dir="ltr">
                  {c.ok ? '✔' : '✘'} {c.name}
                  {!c.ok && c.expected
                    ? ` — expected ${c.expected.slice(0, 16)}…, found ${(c.found ?? '').slice(0, 16)}…`
                    : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
        <dl className="provenance">
          <dt>{t('originalBlob')}</dt>
          <dd>
            <Hash value={p.blob.sha256} />
            <div className="muted" dir="auto">
              {p.blob.name ?? ''} {p.blob.bytes !== undefined ? `· ${fmtNumber(p.blob.bytes)} B` : ''} · {p.source} ·{' '}
              {p.locator}
            </div>
            <a href={`/api/blobs/${p.blob.sha256}?download=1`} className="button small">
              {t('downloadOriginal')}
            </a>
          </dd>
          <dt>{t('identityHash')}</dt>
          <dd>
            <Hash value={p.identityHash} />
          </dd>
          <dt>{t('contentHash')}</dt>
          <dd>
            <Hash value={p.contentHash} />
          </dd>
          <dt>{t('ledgerPosition')}</dt>
          <dd>
            <span dir="ltr">
              seq {p.ledger.seq} · {p.ledger.kind}
            </span>
            {p.ledger.hash && <Hash value={p.ledger.hash} />}
          </dd>
          <dt>{t('capturedAt')}</dt>
          <dd>
            {fmtTime(p.capturedAt)} · <span dir="ltr">{`${p.importer.name} ${p.importer.version}`}</span>
          </dd>
          <dt>{t('versions')}</dt>
          <dd>
            {p.versions.map((v) => (
              <div key={v.seq} dir="ltr">
                seq {v.seq} · {v.contentHash.slice(0, 16)}… · {fmtTime(v.capturedAt)}
              </div>
            ))}
          </dd>
        </dl>
      </Card>
    </div>
  );
}

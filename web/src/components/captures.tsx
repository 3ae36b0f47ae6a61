import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Card } from './status.tsx';

interface BlobRef {
  sha256: string;
  bytes: number;
}

interface Capture {
  id: string;
  kind: 'media' | 'link' | 'page';
  url: string;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  nextTryAt?: string;
  lastError?: string;
  result?: {
    finalUrl?: string;
    status?: number;
    error?: string;
    warc?: BlobRef;
    wacz?: BlobRef;
    page?: { screenshot: BlobRef; title: string };
    media?: { durationSeconds?: number; streams: string[]; thumbnails: BlobRef[] };
    image?: { thumbnail: BlobRef; width: number; height: number };
  };
}

interface CaptureCheck {
  ok: boolean;
  checks: { name: string; ok: boolean; detail?: string }[];
}

/** A captured picture stays blurred and unloaded until clicked; loading it is audited by the server. */
function Blurred({ sha256, alt }: { sha256: string; alt: string }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  if (!shown)
    return (
      <button type="button" className="media-tile graphic" onClick={() => setShown(true)}>
        <span className="blurred-placeholder" aria-hidden="true" />
        <span className="graphic-label">{t('clickToShow')}</span>
      </button>
    );
  return (
    <a className="media-tile" href={`/api/blobs/${sha256}`} target="_blank" rel="noreferrer noopener">
      <img src={`/api/blobs/${sha256}`} alt={alt} loading="lazy" />
    </a>
  );
}

function CaptureRow({ c }: { c: Capture }) {
  const { t, fmtTime } = useI18n();
  const [check, setCheck] = useState<CaptureCheck | 'busy' | null>(null);
  const r = c.result;
  const pictures = [
    ...(r?.page ? [r.page.screenshot] : []),
    ...(r?.image ? [r.image.thumbnail] : []),
    ...(r?.media?.thumbnails ?? []),
  ];
  async function verify() {
    setCheck('busy');
    setCheck(await api<CaptureCheck>(`/api/captures/${c.id}/verify`, { method: 'POST' }).catch(() => null));
  }
  return (
    <li className={`capture capture-${c.state}`}>
      <div className="capture-head">
        <span className="badge">{c.kind}</span> <span dir="ltr">{c.url}</span>{' '}
        <strong>{t(`capture_${c.state}` as const)}</strong>
        {r?.status !== undefined && <span className="muted"> HTTP {r.status}</span>}
        <span className="muted">
          {' '}
          · {c.attempts} {t('tries')}
          {c.state === 'pending' && c.nextTryAt ? ` · ${t('nextTry')} ${fmtTime(c.nextTryAt)}` : ''}
        </span>
      </div>
      {(c.lastError || r?.error) && <p className="muted">{r?.error ?? c.lastError}</p>}
      {r?.finalUrl && r.finalUrl !== c.url && (
        <p className="muted">
          {t('finalUrl')} <span dir="ltr">{r.finalUrl}</span>
        </p>
      )}
      {r?.media && (
        <p className="muted">
          {t('duration')} {r.media.durationSeconds?.toFixed(1) ?? '?'} s · {r.media.streams.join(', ')}
        </p>
      )}
      {pictures.length > 0 && (
        <div className="media-list">
          {pictures.map((p) => (
            <Blurred key={p.sha256} sha256={p.sha256} alt={r?.page?.title ?? c.url} />
          ))}
        </div>
      )}
      {r?.wacz && r.warc && (
        <p className="hashes" dir="ltr">
          <a href={`/api/blobs/${r.wacz.sha256}?download=1`}>{t('downloadWacz')}</a>
          <br />
          WACZ sha256 <code>{r.wacz.sha256}</code>
          <br />
          WARC sha256 <code>{r.warc.sha256}</code>
        </p>
      )}
      {c.state === 'done' && (
        <button type="button" onClick={verify} disabled={check === 'busy'}>
          {check === 'busy' ? t('verifying') : t('verify')}
        </button>
      )}
      {check && check !== 'busy' && (
        <div className={`verify-result ${check.ok ? 'ok' : 'bad'}`} role="status">
          <strong>{check.ok ? `✔ ${t('verified')}` : `✘ ${t('verifyFailed')}`}</strong>
          <ul>
            {check.checks.map((x) => (
              <li key={x.name}>
                {x.ok ? '✔' : '✘'} {x.name}
                {x.detail ? `: ${x.detail}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

/** What was captured of the media, links and page a message points to. */
export function CapturesPanel({ messageId }: { messageId: string }) {
  const { t } = useI18n();
  const [caps, setCaps] = useState<Capture[] | null>(null);
  useEffect(() => {
    api<{ captures: Capture[] }>(`/api/messages/${messageId}/captures`)
      .then((r) => setCaps(r.captures))
      .catch(() => setCaps([]));
  }, [messageId]);
  if (!caps || caps.length === 0) return null;
  return (
    <Card title={t('captures')}>
      <ul className="captures">
        {caps.map((c) => (
          <CaptureRow key={c.id} c={c} />
        ))}
      </ul>
    </Card>
  );
}

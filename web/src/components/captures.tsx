import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { loadUserSettings, rememberUserSettings, type UserSettings } from '../user-settings.ts';
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
    media?: {
      durationSeconds?: number;
      streams: string[];
      thumbnails: BlobRef[];
      via?: 'direct' | 'yt-dlp';
      file?: BlobRef;
      extractor?: string;
    };
    image?: { thumbnail: BlobRef; width: number; height: number };
  };
}

interface CaptureCheck {
  ok: boolean;
  checks: { name: string; ok: boolean; detail?: string }[];
}

/**
 * A captured picture stays blurred and unloaded until clicked, unless the user chose to reveal graphic
 * media by default. Each reveal (a click, or the setting) is posted as its own audit event before the
 * picture loads; loading it is audited by the server as a view of the blob too.
 */
function Blurred({
  jobId,
  sha256,
  alt,
  byDefault,
}: {
  jobId: string;
  sha256: string;
  alt: string;
  byDefault: boolean;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const reveal = useCallback(
    (trigger: 'click' | 'setting') =>
      api(`/api/captures/${jobId}/reveal`, { method: 'POST', body: { sha256, trigger } })
        .then(() => setShown(true))
        .catch(() => setShown(false)),
    [jobId, sha256],
  );
  useEffect(() => {
    if (byDefault && !shown) void reveal('setting');
  }, [byDefault, shown, reveal]);
  if (!shown)
    return (
      <button type="button" className="media-tile graphic" onClick={() => void reveal('click')}>
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

function CaptureRow({ c, revealByDefault }: { c: Capture; revealByDefault: boolean }) {
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
          · {t('tries')}: {c.attempts}
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
          {r.media.via === 'yt-dlp' && r.media.file && (
            <>
              {' · '}
              <a href={`/api/blobs/${r.media.file.sha256}?download=1`}>{t('downloadVideo')}</a>{' '}
              <span dir="ltr">(yt-dlp{r.media.extractor ? `, ${r.media.extractor}` : ''})</span>
            </>
          )}
        </p>
      )}
      {pictures.length > 0 && (
        <div className="media-list">
          {pictures.map((p) => (
            <Blurred
              key={p.sha256}
              jobId={c.id}
              sha256={p.sha256}
              alt={r?.page?.title ?? c.url}
              byDefault={revealByDefault}
            />
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

/** The user's own "reveal graphic media by default" switch, stored on the server for them alone. */
function RevealToggle({ value, onChange }: { value: boolean; onChange: (v: boolean) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  async function change(next: boolean) {
    // The box follows the click at once (a controlled checkbox that waited for the server would spring
    // back until the answer came); what the server answers, or the old value on a refusal, then stands.
    onChange(next);
    setBusy(true);
    try {
      const s = await api<UserSettings>('/api/me/settings', { method: 'PUT', body: { revealGraphicMedia: next } });
      rememberUserSettings(s);
      onChange(s.revealGraphicMedia);
    } catch {
      onChange(!next);
    } finally {
      setBusy(false);
    }
  }
  return (
    <label className="reveal-toggle">
      <input type="checkbox" checked={value} disabled={busy} onChange={(e) => void change(e.target.checked)} />{' '}
      {t('revealByDefault')}
    </label>
  );
}

/** What was captured of the media, links and page a message points to. */
export function CapturesPanel({ messageId }: { messageId: string }) {
  const { t } = useI18n();
  const [caps, setCaps] = useState<Capture[] | null>(null);
  const [settings, setSettings] = useState<UserSettings | null>(null);
  useEffect(() => {
    api<{ captures: Capture[] }>(`/api/messages/${messageId}/captures`)
      .then((r) => setCaps(r.captures))
      .catch(() => setCaps([]));
  }, [messageId]);
  useEffect(() => {
    void loadUserSettings().then(setSettings);
  }, []);
  if (!caps || caps.length === 0 || !settings) return null;
  return (
    <Card
      title={t('captures')}
      actions={
        <RevealToggle
          value={settings.revealGraphicMedia}
          onChange={(v) => setSettings({ ...settings, revealGraphicMedia: v })}
        />
      }
    >
      <ul className="captures">
        {caps.map((c) => (
          <CaptureRow key={c.id} c={c} revealByDefault={settings.revealGraphicMedia} />
        ))}
      </ul>
    </Card>
  );
}

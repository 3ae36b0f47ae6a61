import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { loadUserSettings } from '../user-settings.ts';

export interface MediaItem {
  sha256?: string;
  mime?: string;
  graphic?: boolean;
  url?: string;
  originalName?: string;
}

const IMAGE = /^image\/(png|jpeg|gif|webp|avif)$/;

/**
 * Held media from the blob store. Graphic pictures stay blurred and unloaded until someone clicks, or
 * the user chose to reveal graphic media by default; each reveal is posted as an audit event before the
 * picture loads (and loading it is audited by the server as a view of the blob too).
 */
export function MediaList({ messageId, media }: { messageId: string; media: MediaItem[] }) {
  const { t } = useI18n();
  const shown = media.filter((m) => m.sha256 || m.url);
  if (shown.length === 0) return null;
  return (
    <div className="media-list">
      {shown.map((m, i) => (
        <MediaTile key={m.sha256 ?? m.url ?? i} messageId={messageId} m={m} label={t('media')} />
      ))}
    </div>
  );
}

function MediaTile({ messageId, m, label }: { messageId: string; m: MediaItem; label: string }) {
  const { t } = useI18n();
  const [revealed, setRevealed] = useState(!m.graphic);
  const sha256 = m.sha256;
  const isImage = Boolean(sha256 && IMAGE.test(m.mime ?? ''));
  const reveal = useCallback(
    (trigger: 'click' | 'setting') => {
      if (!sha256) return Promise.resolve();
      return api(`/api/messages/${messageId}/media/reveal`, { method: 'POST', body: { sha256, trigger } })
        .then(() => setRevealed(true))
        .catch(() => setRevealed(false));
    },
    [messageId, sha256],
  );
  useEffect(() => {
    if (revealed || !isImage) return;
    let live = true;
    void loadUserSettings().then((s) => {
      if (live && s.revealGraphicMedia) void reveal('setting');
    });
    return () => {
      live = false;
    };
  }, [revealed, isImage, reveal]);
  if (!isImage) {
    return (
      <span className="media-chip">
        {label}: {m.originalName ?? m.mime ?? m.url ?? m.sha256?.slice(0, 12)}
      </span>
    );
  }
  if (!revealed) {
    return (
      <button type="button" className="media-tile graphic" onClick={() => void reveal('click')}>
        <span className="blurred-placeholder" aria-hidden="true" />
        <span className="graphic-label">{t('graphicMedia')}</span>
      </button>
    );
  }
  return (
    <a className="media-tile" href={`/api/blobs/${m.sha256}`} target="_blank" rel="noreferrer noopener">
      <img src={`/api/blobs/${m.sha256}`} alt={m.originalName ?? ''} loading="lazy" />
    </a>
  );
}

import { useState } from 'react';
import { useI18n } from '../i18n.tsx';

export interface MediaItem {
  sha256?: string;
  mime?: string;
  graphic?: boolean;
  url?: string;
  originalName?: string;
}

const IMAGE = /^image\/(png|jpeg|gif|webp|avif)$/;

/** Held media from the blob store; graphic items stay blurred (and unloaded) until someone clicks. */
export function MediaList({ media }: { media: MediaItem[] }) {
  const { t } = useI18n();
  const shown = media.filter((m) => m.sha256 || m.url);
  if (shown.length === 0) return null;
  return (
    <div className="media-list">
      {shown.map((m, i) => (
        <MediaTile key={m.sha256 ?? m.url ?? i} m={m} label={t('media')} />
      ))}
    </div>
  );
}

function MediaTile({ m, label }: { m: MediaItem; label: string }) {
  const { t } = useI18n();
  const [revealed, setRevealed] = useState(!m.graphic);
  if (!m.sha256 || !IMAGE.test(m.mime ?? '')) {
    return (
      <span className="media-chip">
        {label}: {m.originalName ?? m.mime ?? m.url ?? m.sha256?.slice(0, 12)}
      </span>
    );
  }
  if (!revealed) {
    return (
      <button type="button" className="media-tile graphic" onClick={() => setRevealed(true)}>
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

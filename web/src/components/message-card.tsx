import { useState } from 'react';
import type { Hit } from '../api.ts';
import { categoryOf } from '../categories.ts';
import { useI18n } from '../i18n.tsx';
import { href } from '../router.tsx';
import { Highlight } from './highlight.tsx';
import { MediaList } from './media.tsx';

/** One message in a list. Pleas and farewells stand out; a farewell hides behind a content warning. */
export function MessageCard({
  hit,
  highlight = false,
  fresh = false,
}: {
  hit: Hit;
  highlight?: boolean;
  fresh?: boolean;
}) {
  const { t, lang, fmtTime } = useI18n();
  const cat = categoryOf(hit.category);
  const isPlea = hit.category === 'request_for_help';
  const isFarewell = hit.category === 'farewell';
  const [revealed, setRevealed] = useState(!isFarewell);
  const author =
    hit.author.displayName ?? (hit.author.handle ? `@${hit.author.handle.replace(/^@/, '')}` : hit.author.id);
  const cls = ['message-card', isPlea ? 'plea' : '', isFarewell ? 'farewell' : '', fresh ? 'fresh' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <article className={cls} data-id={hit.id}>
      <header className="message-meta">
        <span className="author" dir="auto">
          {author}
        </span>
        <span className="platform">{hit.platform}</span>
        <time dateTime={hit.postedAt}>{fmtTime(hit.postedAt)}</time>
        {hit.lang && <span className="lang-tag">{hit.lang}</span>}
        {cat && (
          <span
            className={`badge cat-${cat.id}`}
            title={hit.categorySource === 'keywords' ? t('keywordGuess') : undefined}
          >
            {isPlea ? t('plea') : isFarewell ? t('farewell') : cat[lang]}
            {hit.categorySource === 'keywords' ? ' ?' : ''}
          </span>
        )}
      </header>
      {revealed ? (
        <>
          <p className="message-text" dir="auto">
            {highlight && hit.excerpt !== undefined ? (
              <Highlight excerpt={hit.excerpt} marks={hit.marks ?? []} />
            ) : (
              hit.text
            )}
          </p>
          {hit.media && <MediaList messageId={hit.id} media={hit.media} />}
        </>
      ) : (
        <div className="content-warning">
          <p>{t('farewellWarning')}</p>
          <button type="button" onClick={() => setRevealed(true)}>
            {t('showMessage')}
          </button>
        </div>
      )}
      <footer>
        <a href={href(`/m/${hit.id}`)} className="more">
          {t('details')} {lang === 'ar' ? '←' : '→'}
        </a>
      </footer>
    </article>
  );
}

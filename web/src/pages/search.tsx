import { type FormEvent, useEffect, useState } from 'react';
import { api, type Hit, type Me, withQuery } from '../api.ts';
import { CategorySelect, LanguageSelect } from '../components/filter-selects.tsx';
import { MessageCard } from '../components/message-card.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n.tsx';
import { go, useRoute } from '../router.tsx';

/** A date-only upper bound means the whole of that day. */
function endOfDay(d: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T23:59:59Z` : d;
}

const PAGE = 100;

const FIELDS = ['q', 'platform', 'author', 'lang', 'category', 'place', 'since', 'until', 'order'] as const;
type Form = Record<(typeof FIELDS)[number], string>;

export function SearchPage({ me }: { me: Me }) {
  const { t, fmtNumber } = useI18n();
  const route = useRoute();
  const fromRoute = (): Form => Object.fromEntries(FIELDS.map((f) => [f, route.query.get(f) ?? ''])) as Form;
  const [form, setForm] = useState<Form>(fromRoute);
  const [hits, setHits] = useState<Hit[] | null>(null);
  /** Cursor for the next page; undefined when the last page was not full. */
  const [next, setNext] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = route.query.toString();
  const search = (f: Form, after?: string) =>
    api<{ hits: Hit[]; next?: string }>('/api/search', {
      query: { ...f, text: f.q, q: undefined, until: endOfDay(f.until), limit: PAGE, after },
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the state
  useEffect(() => {
    const f = fromRoute();
    setForm(f);
    if (!FIELDS.some((k) => f[k])) {
      setHits(null);
      return;
    }
    setBusy(true);
    search(f)
      .then((r) => {
        setHits(r.hits);
        setNext(r.next);
        setError(null);
      })
      .catch(setError)
      .finally(() => setBusy(false));
  }, [key]);

  function more() {
    if (!next) return;
    setBusy(true);
    search(fromRoute(), next)
      .then((r) => {
        setHits((h) => [...(h ?? []), ...r.hits]);
        setNext(r.next);
      })
      .catch(setError)
      .finally(() => setBusy(false));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    go('/search', form);
  }
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const exportUrl = withQuery('/api/export/messages.jsonl', { ...form, text: form.q, q: undefined });

  return (
    <div className="page search">
      <form className="search-form" onSubmit={submit} aria-label={t('navSearch')}>
        <div className="search-main">
          <input
            type="search"
            name="q"
            value={form.q}
            onChange={set('q')}
            placeholder={t('searchPlaceholder')}
            aria-label={t('navSearch')}
            dir="auto"
          />
          <button type="submit" className="primary">
            {t('navSearch')}
          </button>
        </div>
        <div className="toolbar">
          <CategorySelect value={form.category} onChange={set('category')} />
          <LanguageSelect value={form.lang} onChange={set('lang')} />
          <input
            value={form.platform}
            onChange={set('platform')}
            placeholder={t('platform')}
            aria-label={t('platform')}
          />
          <input
            value={form.author}
            onChange={set('author')}
            placeholder={t('author')}
            aria-label={t('author')}
            dir="auto"
          />
          <input
            value={form.place}
            onChange={set('place')}
            placeholder={t('place')}
            aria-label={t('place')}
            dir="auto"
          />
          <label className="inline">
            {t('since')} <input type="date" value={form.since.slice(0, 10)} onChange={set('since')} />
          </label>
          <label className="inline">
            {t('until')} <input type="date" value={form.until.slice(0, 10)} onChange={set('until')} />
          </label>
          <select value={form.order} onChange={set('order')} aria-label={t('order')}>
            <option value="">{t('newest')}</option>
            <option value="relevance">{t('relevance')}</option>
          </select>
        </div>
      </form>
      <ErrorBox error={error} />
      {busy && <Loading />}
      {hits && (
        <>
          <div className="result-bar">
            <span className="result-count">
              {fmtNumber(hits.length)}
              {next ? '+' : ''} {t('results')}
            </span>
            {me.role !== 'viewer' && (
              <a className="button" href={exportUrl} download>
                {t('exportJsonl')}
              </a>
            )}
          </div>
          {hits.length === 0 ? (
            <p className="muted">{t('noMessages')}</p>
          ) : (
            <div className="message-list">
              {hits.map((h) => (
                <MessageCard key={h.id} hit={h} highlight />
              ))}
            </div>
          )}
          {next && (
            <button type="button" className="more-results" onClick={more} disabled={busy}>
              {t('moreResults')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

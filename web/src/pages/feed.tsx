import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Hit, type Me } from '../api.ts';
import { CategorySelect, LanguageSelect } from '../components/filter-selects.tsx';
import { MessageCard } from '../components/message-card.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n.tsx';
import { useLiveEvents } from '../live.tsx';

interface Filters {
  category: string;
  lang: string;
  place: string;
  person: string;
}

interface PersonOption {
  personId: string;
  person: string;
  nameAr: string | null;
  accounts: { platform: string; handle: string }[];
}

const PAGE = 50;

async function fetchFeed(f: Filters, people: PersonOption[], offset: number): Promise<Hit[]> {
  const base = { category: f.category, lang: f.lang, place: f.place, limit: PAGE, offset };
  const person = people.find((p) => p.personId === f.person);
  if (!person) return (await api<{ hits: Hit[] }>('/api/search', { query: base })).hits;
  const parts = await Promise.all(
    person.accounts.map((a) =>
      api<{ hits: Hit[] }>('/api/search', { query: { ...base, platform: a.platform, author: a.handle } }),
    ),
  );
  return parts.flatMap((p) => p.hits).sort((a, b) => Date.parse(b.postedAt) - Date.parse(a.postedAt));
}

export function FeedPage(_: { me: Me }) {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>({ category: '', lang: '', place: '', person: '' });
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [people, setPeople] = useState<PersonOption[]>([]);
  const refetchTimer = useRef<number | undefined>(undefined);
  const filtered = Object.values(filters).some(Boolean);

  const load = useCallback(async () => {
    try {
      setHits(await fetchFeed(filters, people, 0));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [filters, people]);

  // Typing in the place box should not send a request per keystroke.
  useEffect(() => {
    const timer = window.setTimeout(() => void load(), 250);
    return () => window.clearTimeout(timer);
  }, [load]);

  useLiveEvents(
    (e) => {
      if (filtered) {
        // A filtered view asks the server again rather than guessing what matches.
        if (e.type === 'message' || e.type === 'analysis' || e.type === 'message_deleted') {
          window.clearTimeout(refetchTimer.current);
          refetchTimer.current = window.setTimeout(() => void load(), 400);
        }
        return;
      }
      if (e.type === 'message') {
        const d = e.data as unknown as Hit;
        const hit: Hit = { ...d, snippet: d.text };
        setHits((prev) => (prev?.some((h) => h.id === hit.id) ? prev : [hit, ...(prev ?? [])]));
        setFresh((prev) => new Set(prev).add(hit.id));
      } else if (e.type === 'analysis' && typeof e.data.category === 'string') {
        const { messageId, category, kind } = e.data as { messageId: string; category: string; kind: string };
        const source = kind === 'label.confirmed' ? 'person' : 'model';
        setHits(
          (prev) =>
            prev?.map((h) =>
              h.id === messageId && (source === 'person' || h.categorySource !== 'person')
                ? { ...h, category, categorySource: source }
                : h,
            ) ?? prev,
        );
      } else if (e.type === 'message_deleted') {
        setHits((prev) => prev?.filter((h) => h.id !== e.data.id) ?? prev);
      }
    },
    [filtered, load],
  );

  const loadPeople = () => {
    if (people.length === 0) {
      api<{ rows: PersonOption[] }>('/api/people')
        .then((b) => setPeople(b.rows))
        .catch(() => {});
    }
  };

  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [k]: e.target.value }));

  return (
    <div className="page feed">
      <fieldset className="toolbar">
        <legend className="visually-hidden">{t('filters')}</legend>
        <CategorySelect value={filters.category} onChange={set('category')} />
        <LanguageSelect value={filters.lang} onChange={set('lang')} />
        <input
          value={filters.place}
          onChange={set('place')}
          placeholder={t('place')}
          aria-label={t('place')}
          dir="auto"
        />
        <select
          value={filters.person}
          onChange={set('person')}
          onFocus={loadPeople}
          onMouseDown={loadPeople}
          aria-label={t('person')}
        >
          <option value="">
            {t('person')}: {t('anyone')}
          </option>
          {people.map((p) => (
            <option key={p.personId} value={p.personId}>
              {lang === 'ar' && p.nameAr ? p.nameAr : p.person}
            </option>
          ))}
        </select>
      </fieldset>
      <ErrorBox error={error} />
      {hits === null ? (
        <Loading />
      ) : hits.length === 0 ? (
        <p className="muted">{t('noMessages')}</p>
      ) : (
        <div className="message-list" aria-live="polite">
          {hits.map((h) => (
            <MessageCard key={h.id} hit={h} fresh={fresh.has(h.id)} />
          ))}
        </div>
      )}
      {hits && hits.length >= PAGE && (
        <button
          type="button"
          className="load-more"
          onClick={async () => {
            const more = await fetchFeed(filters, people, hits.length);
            setHits([...hits, ...more.filter((m) => !hits.some((h) => h.id === m.id))]);
          }}
        >
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}

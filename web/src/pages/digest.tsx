import { type FormEvent, useState } from 'react';
import type { Digest } from '../../../src/report/digest-model.ts';
import { apiFile, type Me } from '../api.ts';
import { ErrorBox, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n.tsx';
import { DigestView } from './digest-view.tsx';

interface Form {
  since: string;
  until: string;
  place: string;
  people: 'all' | 'watchlist';
  lang: 'en' | 'ar';
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The Digest page: the same options as `vigil digest`, the digest drawn here, a PDF and the Markdown. */
export function DigestPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<Form>({ since: '', until: '', place: '', people: 'all', lang });
  const [digest, setDigest] = useState<Digest | null>(null);
  const [seq, setSeq] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  if (me.role === 'viewer') return <p className="muted">{t('analystsOnly')}</p>;

  const body = (format: 'json' | 'md' | 'pdf') => ({
    since: form.since,
    until: form.until,
    ...(form.place.trim() ? { place: form.place.trim() } : {}),
    people: form.people,
    lang: form.lang,
    format,
  });
  const run = async (format: 'json' | 'md' | 'pdf') => {
    setBusy(format);
    setError(null);
    setCopied(false);
    try {
      const { blob, headers } = await apiFile('/api/digest', body(format));
      setSeq(headers.get('x-vigil-digest-seq'));
      if (format === 'json') setDigest(JSON.parse(await blob.text()) as Digest);
      else if (format === 'pdf') save(blob, `vigil-digest-${form.since}-${form.until}-${form.lang}.pdf`);
      else {
        await navigator.clipboard.writeText(await blob.text());
        setCopied(true);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run('json');
  };
  const set =
    <K extends keyof Form>(k: K) =>
    (v: Form[K]) =>
      setForm((f) => ({ ...f, [k]: v }));
  const ready = form.since !== '' && form.until !== '';
  return (
    <section className="digest-page">
      <h1>{t('digestTitle')}</h1>
      <p className="muted">{t('digestHint')}</p>
      <form className="digest-form" onSubmit={submit}>
        <label>
          {t('since')}
          <input type="date" name="since" required value={form.since} onChange={(e) => set('since')(e.target.value)} />
        </label>
        <label>
          {t('until')}
          <input type="date" name="until" required value={form.until} onChange={(e) => set('until')(e.target.value)} />
        </label>
        <label>
          {t('place')}
          <input name="place" value={form.place} onChange={(e) => set('place')(e.target.value)} />
        </label>
        <label>
          {t('people')}
          <select name="people" value={form.people} onChange={(e) => set('people')(e.target.value as Form['people'])}>
            <option value="all">{t('peopleAll')}</option>
            <option value="watchlist">{t('peopleWatchlist')}</option>
          </select>
        </label>
        <label>
          {t('digestLang')}
          <select name="lang" value={form.lang} onChange={(e) => set('lang')(e.target.value as Form['lang'])}>
            <option value="en">English</option>
            <option value="ar">العربية</option>
          </select>
        </label>
        <div className="digest-actions">
          <button type="submit" className="primary" disabled={!ready || busy !== null}>
            {t('makeDigest')}
          </button>
          <button type="button" disabled={!ready || busy !== null} onClick={() => void run('pdf')}>
            {t('downloadPdf')}
          </button>
          <button type="button" disabled={!ready || busy !== null} onClick={() => void run('md')}>
            {t('copyMarkdown')}
          </button>
          {copied && <span role="status">{t('copied')}</span>}
          {seq && (
            <span className="muted" data-digest-seq={seq}>
              {t('recordedAt')} {seq}
            </span>
          )}
        </div>
      </form>
      {error ? <ErrorBox error={error} /> : null}
      {busy === 'json' && <Loading />}
      {digest && <DigestView d={digest} />}
    </section>
  );
}

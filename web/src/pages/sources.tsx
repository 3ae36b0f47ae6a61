import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { ErrorBox, Loading } from '../components/status.tsx';
import { SOURCE_STATE_LABELS, useI18n } from '../i18n.tsx';

interface Row {
  key: string;
  platform: string;
  state: string;
  auto?: boolean;
  lastSuccessAt?: string;
  lastError?: string;
  nextTryAt?: string;
  itemsLastHour: number;
  itemsLastDay: number;
}

interface Report {
  platforms: { platform: string; state: string; follows: number; itemsLastHour: number; itemsLastDay: number }[];
  follows: Row[];
  streams: Row[];
}

/** Live collection health: each platform, then each followed account and stream. Errors stay as recorded (English). */
export function SourcesPage() {
  const { t, fmtTime, fmtNumber, pick } = useI18n();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const load = () => api<Report>('/api/sources').then(setReport).catch(setError);
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, []);
  if (error) return <ErrorBox error={error} />;
  if (!report) return <Loading />;
  if (report.follows.length === 0) return <p className="muted">{t('sourcesNone')}</p>;
  const state = (s: string) => <span className={`source-state ${s}`}>{pick(SOURCE_STATE_LABELS[s], s)}</span>;
  const when = (iso?: string) => (iso ? fmtTime(iso) : t('never'));
  return (
    <div className="page sources">
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('sourcesPlatform')}</th>
              <th>{t('sourcesState')}</th>
              <th>{t('sourcesFollowed')}</th>
              <th>{t('sourcesItems')}</th>
            </tr>
          </thead>
          <tbody>
            {report.platforms.map((p) => (
              <tr key={p.platform}>
                <td dir="ltr">{p.platform}</td>
                <td>{state(p.state)}</td>
                <td>{fmtNumber(p.follows)}</td>
                <td>
                  {fmtNumber(p.itemsLastHour)} / {fmtNumber(p.itemsLastDay)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('sourcesAccount')}</th>
              <th>{t('sourcesState')}</th>
              <th>{t('sourcesLastSuccess')}</th>
              <th>{t('sourcesNextTry')}</th>
              <th>{t('sourcesItems')}</th>
              <th>{t('sourcesLastError')}</th>
            </tr>
          </thead>
          <tbody>
            {[...report.streams, ...report.follows].map((f) => (
              <tr key={f.key}>
                <td dir="ltr">{f.key}</td>
                <td>{state(f.state)}</td>
                <td>{when(f.lastSuccessAt)}</td>
                <td>{when(f.nextTryAt)}</td>
                <td>
                  {fmtNumber(f.itemsLastHour)} / {fmtNumber(f.itemsLastDay)}
                </td>
                <td dir="ltr" lang="en">
                  {f.lastError ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

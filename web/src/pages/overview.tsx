import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { HourlyChart } from '../components/hourly-chart.tsx';
import { type PlaceCount, PlaceMap } from '../components/place-map.tsx';
import { Card, ErrorBox, Loading } from '../components/status.tsx';
import { CASUALTY_LABELS, useI18n } from '../i18n.tsx';
import { href } from '../router.tsx';

interface Stats {
  messages: number;
  authors: number;
  ledgerEvents: number;
  byPlatform: Record<string, number>;
  byLanguage: Record<string, number>;
  perHour: { hours: string[]; series: Record<string, number[]> };
  casualties?: { messageId: string; postedAt: string; kind: string; count: number; group?: string; source: string }[];
  places?: PlaceCount[];
}

export function OverviewPage() {
  const { t, fmtNumber, fmtTime, pick } = useI18n();
  const [s, setS] = useState<Stats | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<Stats>('/api/stats', { query: { hours: 24 * 7 } })
      .then(setS)
      .catch(setError);
  }, []);
  if (error) return <ErrorBox error={error} />;
  if (!s) return <Loading />;
  return (
    <div className="page overview">
      <div className="kpis">
        <div className="kpi">
          <span className="kpi-n">{fmtNumber(s.messages)}</span>
          <span>{t('messages')}</span>
        </div>
        <div className="kpi">
          <span className="kpi-n">{fmtNumber(s.authors)}</span>
          <span>{t('authors')}</span>
        </div>
        <div className="kpi">
          <span className="kpi-n">{fmtNumber(s.ledgerEvents)}</span>
          <span>{t('ledgerEvents')}</span>
        </div>
        <div className="kpi wide">
          <span dir="ltr">
            {Object.entries(s.byPlatform)
              .map(([k, v]) => `${k} ${fmtNumber(v)}`)
              .join(' · ')}
          </span>
          <span dir="ltr">
            {Object.entries(s.byLanguage)
              .map(([k, v]) => `${k} ${fmtNumber(v)}`)
              .join(' · ')}
          </span>
        </div>
      </div>
      <Card title={t('perHour')}>
        <HourlyChart hours={s.perHour.hours} series={s.perHour.series} />
      </Card>
      <div className="two-col">
        <Card title={t('casualties')}>
          {s.casualties?.length ? (
            <div className="scroll-box">
              <table className="casualties">
                <tbody>
                  {s.casualties.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
                    <tr key={i}>
                      <td>{fmtTime(c.postedAt)}</td>
                      <td>
                        <strong>{fmtNumber(c.count)}</strong> {pick(CASUALTY_LABELS[c.kind], c.kind)}
                        {c.group ? ` (${pick(CASUALTY_LABELS[c.group], c.group)})` : ''}
                      </td>
                      <td>
                        <a href={href(`/m/${c.messageId}`)} dir="auto">
                          {c.source}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t('noCasualties')}</p>
          )}
        </Card>
        <Card title={t('map')}>
          <PlaceMap mentions={s.places ?? []} />
          <p className="muted small">{t('mapNote')}</p>
        </Card>
      </div>
    </div>
  );
}

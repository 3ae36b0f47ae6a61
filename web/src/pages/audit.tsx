import { useEffect, useState } from 'react';
import { api, type Me } from '../api.ts';
import { ErrorBox, Loading } from '../components/status.tsx';
import { AUDIT_LABELS, useI18n } from '../i18n.tsx';

interface Entry {
  seq: number;
  at: string;
  actor: string;
  kind: string;
  payload: Record<string, unknown>;
}

export function AuditPage({ me }: { me: Me }) {
  const { t, fmtTime, pick } = useI18n();
  const [rows, setRows] = useState<Entry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (me.role === 'admin')
      api<Entry[]>('/api/audit', { query: { limit: 300 } })
        .then(setRows)
        .catch(setError);
  }, [me.role]);
  if (me.role !== 'admin') return <p className="muted">{t('adminOnly')}</p>;
  if (error) return <ErrorBox error={error} />;
  if (!rows) return <Loading />;
  return (
    <div className="page audit">
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('when')}</th>
              <th>{t('actor')}</th>
              <th>{t('what')}</th>
              <th>{t('details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq}>
                <td dir="ltr">{r.seq}</td>
                <td>{fmtTime(r.at)}</td>
                <td dir="auto">{r.actor}</td>
                <td>{pick(AUDIT_LABELS[r.kind], r.kind)}</td>
                <td>
                  <code dir="ltr" className="payload">
                    {JSON.stringify(r.payload).slice(0, 160)}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { ErrorBox, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n.tsx';

interface Depth {
  queue: string;
  ready: number;
  deferred: number;
  active: number;
  completed: number;
  failed: number;
}

interface Problem {
  id: string;
  queue: string;
  state: string;
  retryCount: number;
  createdOn: string;
  error?: string;
}

interface Report {
  runner: 'pg-boss' | 'in-process';
  depths: Depth[];
  problems: Problem[];
}

/**
 * The job queues: depth per queue; failed, cancelled and retrying jobs with their errors (as recorded, English);
 * retry (failed and cancelled jobs) and cancel (jobs waiting for a retry) for admins.
 */
export function JobsPage({ admin }: { admin: boolean }) {
  const { t, fmtTime, fmtNumber } = useI18n();
  const [report, setReport] = useState<Report | null>(null);
  // a failed load (the server restarting) is shown until the next load succeeds
  const [error, setError] = useState<unknown>(null);
  // a refused retry or cancel (another admin was quicker) is shown above the list, which is reloaded
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api<Report>('/api/jobs')
        .then((r) => {
          setReport(r);
          setError(null);
        })
        .catch(setError),
    [],
  );
  useEffect(() => {
    load();
    const timer = setInterval(load, 10_000);
    return () => clearInterval(timer);
  }, [load]);
  if (!report) return error ? <ErrorBox error={error} /> : <Loading />;
  const stateWords = (state: string) =>
    state === 'failed' ? t('jobsFailed') : state === 'cancelled' ? t('jobsCancelled') : t('jobsRetrying');
  const act = (id: string, action: 'retry' | 'cancel') => {
    setBusy(id);
    setActionError(null);
    api(`/api/jobs/${id}/${action}`, { method: 'POST' })
      .catch(setActionError)
      .finally(() => {
        setBusy(null);
        return load();
      });
  };
  return (
    <div className="page jobs">
      <ErrorBox error={actionError ?? error} />
      <p className="muted">{report.runner === 'in-process' ? t('jobsInProcess') : t('jobsPgBoss')}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('jobsQueue')}</th>
              <th>{t('jobsReady')}</th>
              <th>{t('jobsLater')}</th>
              <th>{t('jobsActive')}</th>
              <th>{t('jobsDone')}</th>
              <th>{t('jobsFailed')}</th>
            </tr>
          </thead>
          <tbody>
            {report.depths.map((d) => (
              <tr key={d.queue}>
                <td dir="ltr">{d.queue}</td>
                <td>{fmtNumber(d.ready)}</td>
                <td>{fmtNumber(d.deferred)}</td>
                <td>{fmtNumber(d.active)}</td>
                <td>{fmtNumber(d.completed)}</td>
                <td>{fmtNumber(d.failed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.problems.length === 0 ? (
        <p className="muted">{t('jobsNoProblems')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('jobsQueue')}</th>
                <th>{t('jobsState')}</th>
                <th>{t('jobsTries')}</th>
                <th>{t('jobsCreated')}</th>
                <th>{t('jobsError')}</th>
                {admin && <th />}
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p) => (
                <tr key={p.id}>
                  <td dir="ltr">{p.queue}</td>
                  <td>{stateWords(p.state)}</td>
                  <td>{fmtNumber(p.retryCount + 1)}</td>
                  <td>{fmtTime(p.createdOn)}</td>
                  <td dir="ltr" lang="en">
                    {p.error ?? ''}
                  </td>
                  {admin && (
                    <td>
                      {p.state === 'failed' || p.state === 'cancelled' ? (
                        <button type="button" disabled={busy === p.id} onClick={() => act(p.id, 'retry')}>
                          {t('jobsRetry')}
                        </button>
                      ) : (
                        <button type="button" disabled={busy === p.id} onClick={() => act(p.id, 'cancel')}>
                          {t('jobsCancel')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

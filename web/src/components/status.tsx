import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export function Loading() {
  const { t } = useI18n();
  return <p className="muted">{t('loading')}</p>;
}

export function ErrorBox({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const notYet = error instanceof ApiError && error.status === 501;
  const msg = error instanceof Error ? error.message : String(error);
  return (
    <div className={notYet ? 'notice' : 'error'} role="alert">
      {notYet ? t('notAvailable') : t('error')}: {msg}
    </div>
  );
}

export function Card({ title, children, actions }: { title?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card">
      {(title || actions) && (
        <header className="card-head">
          {title && <h2>{title}</h2>}
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}

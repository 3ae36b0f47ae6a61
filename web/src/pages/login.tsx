import { type FormEvent, useState } from 'react';
import { ApiError, api, type Me } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export function LoginPage({ onDone }: { onDone(m: Me): void }) {
  const { t, lang, setLang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      onDone(await api<Me>('/api/login', { method: 'POST', body: { username, password } }));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('tooMany') : t('wrongLogin'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="login-wrap">
      <form className="login card" onSubmit={submit}>
        <div className="login-head">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <h1>{t('appName')}</h1>
          <button type="button" className="lang-switch" onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}>
            {t('switchLang')}
          </button>
        </div>
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            dir="auto"
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { api, type Me } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export function SetupPage({ onDone }: { onDone(m: Me): void }) {
  const { t, lang, setLang } = useI18n();
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError('');
    try {
      const me = await api<Me>('/api/setup', { method: 'POST', body: { token: token.trim(), username, password } });
      window.location.hash = '#/';
      onDone(me);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }
  return (
    <div className="login-wrap">
      <form className="login card" onSubmit={submit}>
        <div className="login-head">
          <h1>{t('setupTitle')}</h1>
          <button type="button" className="lang-switch" onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}>
            {t('switchLang')}
          </button>
        </div>
        <p className="muted">{t('setupHint')}</p>
        <label>
          {t('setupToken')}
          <input
            name="token"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
            autoComplete="off"
            dir="ltr"
          />
        </label>
        <label>
          {t('username')}
          <input
            name="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoComplete="username"
          />
        </label>
        <label>
          {t('password')} <small className="muted">{t('passwordRule')}</small>
          <input
            name="password"
            type="password"
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoComplete="new-password"
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t('create')}
        </button>
      </form>
    </div>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { api, type Me } from '../api.ts';
import { Card, ErrorBox, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n.tsx';

interface User {
  username: string;
  role: 'admin' | 'analyst' | 'viewer';
  createdAt: string;
  disabled: boolean;
  hasPassword: boolean;
}

const ROLES = ['viewer', 'analyst', 'admin'] as const;

/** Admins: add people who may sign in, change roles, disable, and mint API tokens (shown once). */
export function UsersPage({ me }: { me: Me }) {
  const { t, fmtTime } = useI18n();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ username: '', role: 'analyst', password: '' });
  const [token, setToken] = useState<{ username: string; token: string } | null>(null);
  const load = () => api<User[]>('/api/users').then(setUsers).catch(setError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once
  useEffect(() => {
    if (me.role === 'admin') void load();
  }, [me.role]);
  if (me.role !== 'admin') return <p className="muted">{t('adminOnly')}</p>;

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await load();
    } catch (err) {
      setError(err);
    }
  };
  async function add(e: FormEvent) {
    e.preventDefault();
    await act(async () => {
      await api('/api/users', { method: 'POST', body: form });
      setForm({ username: '', role: 'analyst', password: '' });
    });
  }

  return (
    <div className="page users">
      <ErrorBox error={error} />
      {token && (
        <div className="banner info" role="status">
          {t('tokenOnce')} <strong>{token.username}</strong>:{' '}
          <code className="hash" dir="ltr">
            {token.token}
          </code>
        </div>
      )}
      <Card title={t('navUsers')}>
        {!users ? (
          <Loading />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('username')}</th>
                  <th>{t('role')}</th>
                  <th>{t('createdAt')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.username} className={u.disabled ? 'disabled' : undefined}>
                    <td dir="auto">{u.username}</td>
                    <td>
                      <select
                        value={u.role}
                        aria-label={t('role')}
                        disabled={u.username === me.username}
                        onChange={(e) =>
                          act(() =>
                            api(`/api/users/${encodeURIComponent(u.username)}`, {
                              method: 'PATCH',
                              body: { role: e.target.value },
                            }),
                          )
                        }
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`role_${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{fmtTime(u.createdAt)}</td>
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          disabled={u.disabled}
                          onClick={() =>
                            act(async () =>
                              setToken({
                                username: u.username,
                                token: (
                                  await api<{ token: string }>('/api/tokens', {
                                    method: 'POST',
                                    body: { username: u.username },
                                  })
                                ).token,
                              }),
                            )
                          }
                        >
                          {t('newToken')}
                        </button>
                        {u.username !== me.username && (
                          <button
                            type="button"
                            onClick={() =>
                              act(() =>
                                api(`/api/users/${encodeURIComponent(u.username)}`, {
                                  method: 'PATCH',
                                  body: { disabled: !u.disabled },
                                }),
                              )
                            }
                          >
                            {u.disabled ? t('enable') : t('disable')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t('addUser')}>
        <form className="note-form" onSubmit={add}>
          <input
            name="username"
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
            placeholder={t('username')}
            required
            autoComplete="off"
          />
          <select
            name="role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value })}
            aria-label={t('role')}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}`)}
              </option>
            ))}
          </select>
          <input
            name="password"
            type="password"
            minLength={10}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            placeholder={`${t('password')} (${t('passwordRule')})`}
            required
            autoComplete="new-password"
          />
          <button type="submit" className="primary">
            {t('addUser')}
          </button>
        </form>
      </Card>
    </div>
  );
}

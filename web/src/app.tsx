import { useCallback, useEffect, useState } from 'react';
import { api, type Me, setCsrf, whenUnauthorized } from './api.ts';
import { Loading } from './components/status.tsx';
import { useI18n } from './i18n.tsx';
import { LiveProvider, useLive } from './live.tsx';
import { AlertsPage } from './pages/alerts.tsx';
import { AuditPage } from './pages/audit.tsx';
import { DigestPage } from './pages/digest.tsx';
import { FeedPage } from './pages/feed.tsx';
import { JobsPage } from './pages/jobs.tsx';
import { LoginPage } from './pages/login.tsx';
import { MessagePage } from './pages/message.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { PersonPage } from './pages/person.tsx';
import { SearchPage } from './pages/search.tsx';
import { SetupPage } from './pages/setup.tsx';
import { SourcesPage } from './pages/sources.tsx';
import { UsersPage } from './pages/users.tsx';
import { WatchlistPage } from './pages/watchlist.tsx';
import { href, useRoute } from './router.tsx';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [setupPending, setSetupPending] = useState(false);
  const route = useRoute();

  const signedIn = useCallback((m: Me) => {
    setCsrf(m.csrf);
    setMe(m);
  }, []);

  useEffect(() => {
    whenUnauthorized(() => setMe(null));
    api<Me>('/api/me')
      .then(signedIn)
      .catch(() => setMe(null));
    api<{ setupPending: boolean }>('/api/health')
      .then((h) => setSetupPending(h.setupPending))
      .catch(() => {});
  }, [signedIn]);

  if (me === undefined) return <Loading />;
  if (me === null) {
    if (setupPending || route.path[0] === 'setup') return <SetupPage onDone={signedIn} />;
    return <LoginPage onDone={signedIn} />;
  }
  return (
    <LiveProvider>
      <Shell
        me={me}
        onSignOut={async () => {
          await api('/api/logout', { method: 'POST' }).catch(() => {});
          setCsrf(undefined);
          setMe(null);
        }}
      />
    </LiveProvider>
  );
}

function Shell({ me, onSignOut }: { me: Me; onSignOut(): void }) {
  const { t, lang, setLang } = useI18n();
  const route = useRoute();
  const live = useLive();
  const [p0, p1] = route.path;
  const nav: [string, string, string][] = [
    ['/', t('navFeed'), ''],
    ['/people', t('navWatchlist'), 'people'],
    ['/search', t('navSearch'), 'search'],
    ['/alerts', t('navAlerts'), 'alerts'],
    ['/overview', t('navOverview'), 'overview'],
    ['/sources', t('navSources'), 'sources'],
    ['/jobs', t('navJobs'), 'jobs'],
  ];
  if (me.role !== 'viewer') nav.push(['/digest', t('navDigest'), 'digest']);
  if (me.role === 'admin') nav.push(['/audit', t('navAudit'), 'audit'], ['/users', t('navUsers'), 'users']);
  const active = p0 === 'm' ? '' : (p0 ?? '');
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="#/">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>{t('appName')}</span>
        </a>
        <nav aria-label="main">
          {nav.map(([path, label, key]) => (
            <a
              key={path}
              href={href(path)}
              className={active === key ? 'active' : undefined}
              aria-current={active === key ? 'page' : undefined}
            >
              {label}
            </a>
          ))}
        </nav>
        <div className="topbar-end">
          <span
            className={`live-dot ${live.connected ? 'on' : 'off'}`}
            title={live.connected ? t('live') : t('offline')}
          >
            {live.connected ? t('live') : t('offline')}
          </span>
          <button
            type="button"
            className="lang-switch"
            onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}
            lang={lang === 'ar' ? 'en' : 'ar'}
          >
            {t('switchLang')}
          </button>
          <span className="user" title={me.role}>
            {me.username}
          </span>
          <button type="button" className="link-button" onClick={onSignOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main>
        {p0 === undefined && <FeedPage me={me} />}
        {p0 === 'people' && !p1 && <WatchlistPage me={me} />}
        {p0 === 'people' && p1 && <PersonPage id={p1} me={me} />}
        {p0 === 'search' && <SearchPage me={me} />}
        {p0 === 'm' && p1 && <MessagePage id={p1} me={me} />}
        {p0 === 'alerts' && <AlertsPage me={me} />}
        {p0 === 'overview' && <OverviewPage />}
        {p0 === 'digest' && <DigestPage me={me} />}
        {p0 === 'audit' && <AuditPage me={me} />}
        {p0 === 'sources' && <SourcesPage />}
        {p0 === 'jobs' && <JobsPage admin={me.role === 'admin'} />}
        {p0 === 'users' && <UsersPage me={me} />}
        {p0 === 'setup' && <FeedPage me={me} />}
      </main>
    </div>
  );
}

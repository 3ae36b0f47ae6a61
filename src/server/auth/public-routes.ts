/**
 * The only routes an anonymous caller may reach. Everything else needs a signed-in user: a route
 * that declares `access: 'public'` and is not named here makes the server refuse to start.
 */
export const PUBLIC_ROUTES: readonly string[] = [
  'GET /api/health',
  'HEAD /api/health',
  'POST /api/login',
  // The one-time token printed at first start is the credential; refused once any user exists.
  'POST /api/setup',
];

/**
 * The dashboard shell: the static files of the built dashboard (index.html, scripts, styles), which
 * carry no data. Only routes registered by serveWeb, outside /api, may claim it.
 */
export const DASHBOARD_SHELL = 'dashboard-shell';

export function isListedPublic(method: string, url: string, shell: boolean): boolean {
  if (PUBLIC_ROUTES.includes(`${method} ${url}`)) return true;
  return shell && (method === 'GET' || method === 'HEAD') && url !== '/api' && !url.startsWith('/api/');
}

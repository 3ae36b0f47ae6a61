import type { FastifyInstance, RouteOptions } from 'fastify';
import { VigilError } from '../../core/errors.ts';
import { isListedPublic } from './public-routes.ts';
import type { Access } from './roles.ts';

const ACCESS: readonly Access[] = ['public', 'viewer', 'analyst', 'admin'];

/** A route without a valid access declaration, or public without being listed: the server does not start. */
export class RouteAccessError extends VigilError {}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access | undefined;
  shell: boolean;
}

/**
 * Records every route as Fastify registers it (onRoute sees plugin routes too, and the HEAD twin of
 * each GET). The options object is kept, not copied: a scope's `grantAccess` hook fills it in later.
 */
export function collectRoutes(app: FastifyInstance): () => RegisteredRoute[] {
  const seen: RouteOptions[] = [];
  app.addHook('onRoute', (r) => {
    seen.push(r);
  });
  return () =>
    seen.flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({
        method: String(method).toUpperCase(),
        url: r.url,
        access: (r.config as { access?: Access } | undefined)?.access,
        shell: (r.config as { shell?: boolean } | undefined)?.shell === true,
      })),
    );
}

/** For routes a plugin registers (swagger UI, static files): they get `access` from the scope they live in. */
export function grantAccess(scope: FastifyInstance, access: Access, opts: { shell?: boolean } = {}) {
  scope.addHook('onRoute', (r) => {
    const config = (r.config ?? {}) as Record<string, unknown>;
    if (config.access === undefined) config.access = access;
    if (opts.shell) config.shell = true;
    r.config = config as RouteOptions['config'];
  });
}

/** Throws on the first route that declares no access, an unknown one, or `public` without being listed. */
export function assertDeclaredAccess(routes: RegisteredRoute[]) {
  for (const r of routes) {
    const where = `${r.method} ${r.url}`;
    if (r.access === undefined)
      throw new RouteAccessError(
        `route ${where} declares no access (config.access: public, viewer, analyst or admin)`,
        where,
      );
    if (!ACCESS.includes(r.access))
      throw new RouteAccessError(`route ${where} declares unknown access '${r.access}'`, where);
    if (r.access === 'public' && !isListedPublic(r.method, r.url, r.shell))
      throw new RouteAccessError(
        `route ${where} is public but not in PUBLIC_ROUTES (src/server/auth/public-routes.ts)`,
        where,
      );
  }
}

const registries = new WeakMap<object, () => RegisteredRoute[]>();

export function rememberRoutes(app: FastifyInstance, routes: () => RegisteredRoute[]) {
  registries.set(app, routes);
}

/** Every route the server registered, with its declared access (for the route-walk test and audits). */
export function registeredRoutes(app: object): RegisteredRoute[] {
  const routes = registries.get(app);
  if (!routes) throw new RouteAccessError('not a Vigil server: no route registry');
  return routes();
}

import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalForSession, principalForToken, touchToken } from '../../store/queries/auth.ts';
import type { ServerContext } from '../context.ts';
import { looksLikeApiPath } from './api-path.ts';
import { CSRF_HEADER, type RequestPrincipal, SESSION_COOKIE } from './principal.ts';
import { type Access, allows } from './roles.ts';
import { secretHash } from './secrets.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function identify(ctx: ServerContext, req: FastifyRequest): Promise<RequestPrincipal | undefined> {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return undefined;
    const p = await principalForToken(ctx.store.db, secretHash(m[1]));
    if (!p) return undefined;
    await touchToken(ctx.store.db, p.tokenId, ctx.now().toISOString());
    return { username: p.username, role: p.role, via: 'token' };
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie) {
    const sessionHash = secretHash(cookie);
    const p = await principalForSession(ctx.store.db, sessionHash, ctx.now().toISOString());
    if (p) return { username: p.username, role: p.role, via: 'session', csrf: p.csrf, sessionHash };
  }
  return undefined;
}

/** What the request needs, decided on the route that matched, never on the URL string. */
function accessFor(req: FastifyRequest): Access | 'unmatched' {
  if (req.is404) return 'unmatched';
  // Every registered route declares access (assertDeclaredAccess at start); if one slipped through, deny.
  return req.routeOptions.config?.access ?? 'admin';
}

const unauthorized = (reply: FastifyReply) =>
  reply.code(401).send({ error: 'unauthorized', message: 'sign in or send Authorization: Bearer <token>' });

/**
 * The one gate every request passes (onRequest), matched or not: 401 without valid credentials, 403
 * without the role the matched route declares,
 * 403 for a cookie-authenticated mutation whose X-CSRF-Token does not match the session's.
 */
export function authenticateHook(ctx: ServerContext) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const access = accessFor(req);
    req.principal = await identify(ctx, req);
    if (access === 'public') return;
    const p = req.principal;
    if (access === 'unmatched') {
      // The dashboard shell answers any page path; everything else that matched no route is a 404 only
      // for a signed-in user, so an anonymous caller cannot tell which paths exist.
      if (!p && (!SAFE_METHODS.has(req.method) || looksLikeApiPath(req.url))) return unauthorized(reply);
      return;
    }
    if (!p) return unauthorized(reply);
    if (!allows(p.role, access)) {
      return reply.code(403).send({ error: 'forbidden', message: `this needs the ${access} role; you are ${p.role}` });
    }
    if (p.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !p.csrf || !sameSecret(sent, p.csrf)) {
        return reply.code(403).send({ error: 'csrf', message: 'missing or wrong X-CSRF-Token header' });
      }
    }
  };
}

import { z } from 'zod';
import { deleteExpiredSessions } from '../../store/queries/auth.ts';
import { getPasswordHash, getUser } from '../../store/queries/users.ts';
import { closeSession, MIN_PASSWORD_LENGTH, openSession, SESSION_HOURS } from '../auth/accounts.ts';
import { verifyAgainstNothing, verifyPassword } from '../auth/password.ts';
import { principalOf, SESSION_COOKIE } from '../auth/principal.ts';
import type { SetupGate } from '../auth/setup-gate.ts';
import type { App, ServerContext } from '../context.ts';
import { Credentials, ErrorBody, Me } from '../schemas.ts';

export interface LoginLimit {
  max: number;
  timeWindow: number;
}

export async function authRoutes(app: App, ctx: ServerContext, setup: SetupGate, limit: LoginLimit) {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.secureCookies,
  };

  app.post(
    '/api/login',
    {
      config: { access: 'public', rateLimit: { max: limit.max, timeWindow: limit.timeWindow } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the HttpOnly session cookie and returns the CSRF token',
        body: Credentials,
        response: { 200: Me, 401: ErrorBody },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const hash = await getPasswordHash(ctx.store.db, username);
      const ok = hash === undefined ? await verifyAgainstNothing(password) : await verifyPassword(password, hash);
      const user = ok ? await getUser(ctx.store.db, username) : undefined;
      if (!user) {
        req.log.warn({ username }, 'login refused');
        return reply.code(401).send({ error: 'unauthorized', message: 'wrong username or password' });
      }
      await deleteExpiredSessions(ctx.store.db, ctx.now().toISOString());
      const s = await openSession(ctx.store, user.username, ctx.now());
      reply.setCookie(SESSION_COOKIE, s.secret, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
      req.log.info({ username: user.username }, 'signed in');
      return { username: user.username, role: user.role, via: 'session' as const, csrf: s.csrf };
    },
  );

  app.post(
    '/api/logout',
    {
      config: { access: 'viewer' },
      schema: { tags: ['auth'], summary: 'End the browser session', response: { 200: z.object({ ok: z.boolean() }) } },
    },
    async (req, reply) => {
      const { sessionHash } = principalOf(req);
      if (sessionHash) await closeSession(ctx.store, sessionHash);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true };
    },
  );

  app.get(
    '/api/me',
    { config: { access: 'viewer' }, schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: Me } } },
    async (req) => {
      const p = principalOf(req);
      return { username: p.username, role: p.role, via: p.via, csrf: p.csrf };
    },
  );

  app.post(
    '/api/setup',
    {
      // The one-time token printed at first start is the credential here.
      config: { access: 'public', rateLimit: { max: limit.max, timeWindow: limit.timeWindow } },
      // Anything without the right token is refused before its body is even validated.
      preValidation: async (req, reply) => {
        const token = (req.body as { token?: unknown } | undefined)?.token;
        if (typeof token !== 'string' || !setup.matches(token) || !(await setup.isPending())) {
          return reply.code(401).send({ error: 'unauthorized', message: 'no setup token is pending, or it is wrong' });
        }
      },
      schema: {
        tags: ['auth'],
        summary: 'First run only: redeem the one-time setup token to create the first admin',
        body: Credentials.extend({
          token: z.string().min(1).max(200),
          password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
        }),
        response: { 200: Me, 401: ErrorBody },
      },
    },
    async (req, reply) => {
      const { token, username, password } = req.body;
      const user = await setup.redeem(token, username, password, ctx.now());
      if (!user)
        return reply.code(401).send({ error: 'unauthorized', message: 'no setup token is pending, or it is wrong' });
      const s = await openSession(ctx.store, user.username, ctx.now());
      reply.setCookie(SESSION_COOKIE, s.secret, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
      return { username: user.username, role: user.role, via: 'session' as const, csrf: s.csrf };
    },
  );

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and whether first-run setup is pending',
        response: { 200: z.object({ ok: z.boolean(), setupPending: z.boolean() }) },
      },
    },
    async () => ({ ok: true, setupPending: await setup.isPending() }),
  );
}

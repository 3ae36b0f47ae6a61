import { z } from 'zod';
import { listTokens } from '../../store/queries/auth.ts';
import { listUsers } from '../../store/queries/users.ts';
import { addUser, changeUser, createToken, MIN_PASSWORD_LENGTH, removeToken } from '../auth/accounts.ts';
import { principalOf } from '../auth/principal.ts';
import { Role } from '../auth/roles.ts';
import type { App, ServerContext } from '../context.ts';
import { errors, UserBody } from '../schemas.ts';

const TokenInfo = z.object({
  id: z.string(),
  username: z.string(),
  label: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export async function userRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: { tags: ['admin'], summary: 'List users', response: { 200: z.array(UserBody), ...errors } },
    },
    async () => listUsers(ctx.store.db),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Add a user',
        body: z.object({
          username: z.string().min(1).max(64),
          role: Role,
          password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
        }),
        response: { 201: UserBody, ...errors, 409: errors[400] },
      },
    },
    async (req, reply) => {
      const user = await addUser(ctx.store, req.body, principalOf(req).username, ctx.now());
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/api/users/:username',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Change a user’s role or password, or disable them',
        params: z.object({ username: z.string() }),
        body: z.object({
          role: Role.optional(),
          password: z.string().min(MIN_PASSWORD_LENGTH).max(1024).optional(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: UserBody, ...errors },
      },
    },
    async (req) => changeUser(ctx.store, req.params.username, req.body, principalOf(req).username, ctx.now()),
  );

  app.get(
    '/api/tokens',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        summary: 'API tokens: your own, or everyone’s for an admin',
        response: { 200: z.array(TokenInfo), ...errors },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return listTokens(ctx.store.db, p.role === 'admin' ? undefined : p.username);
    },
  );

  app.post(
    '/api/tokens',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token (shown once). Admins may create one for another user.',
        body: z.object({ label: z.string().max(200).optional(), username: z.string().optional() }),
        response: { 201: z.object({ id: z.string(), token: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const username = req.body.username ?? p.username;
      if (username !== p.username && p.role !== 'admin') {
        return reply.code(403).send({ error: 'forbidden', message: 'only admins create tokens for others' });
      }
      const t = await createToken(ctx.store, username, p.username, req.body.label, ctx.now());
      return reply.code(201).send(t);
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token',
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ revoked: z.boolean() }), ...errors },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const mine = await listTokens(ctx.store.db, p.role === 'admin' ? undefined : p.username);
      if (!mine.some((t) => t.id === req.params.id))
        return reply.code(404).send({ error: 'not_found', message: 'no such token' });
      return { revoked: await removeToken(ctx.store, req.params.id, p.username, ctx.now()) };
    },
  );
}

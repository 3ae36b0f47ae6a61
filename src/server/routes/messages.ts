import { z } from 'zod';
import { MESSAGE_DELETION_MARKED, type MessageDeletionMarkedPayload } from '../../core/events.ts';
import type { StoredMessage } from '../../store/contract.ts';
import { messageAnnotations } from '../annotations.ts';
import { audit } from '../audit.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { messageProvenance } from '../provenance/message-provenance.ts';
import { verifyMessage } from '../provenance/verify-message.ts';
import { ErrorBody, errors } from '../schemas.ts';

const Id = z.object({ id: z.string().regex(/^[0-9a-fA-F]{6,64}$/, 'a message id: 6 to 64 hex digits') });

export async function loadVisible(ctx: ServerContext, id: string, role: string): Promise<StoredMessage | undefined> {
  const m = await ctx.store.getMessage(id);
  // Author-deleted posts leave the working views; only admins reach the sealed copy (and that is audited).
  if (!m || (m.deleted && role !== 'admin')) return undefined;
  return m;
}

export async function messageRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/messages/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['messages'],
        summary: 'A message with its provenance (original blob, hashes, ledger position) and analysis',
        params: Id,
        response: { 200: z.record(z.string(), z.unknown()), ...errors },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const m = await loadVisible(ctx, req.params.id, p.role);
      if (!m) return reply.code(404).send({ error: 'not_found', message: `no message ${req.params.id}` });
      if (m.deleted)
        await audit(ctx, p.username, 'audit.original_viewed', { message: m.id, reason: 'author-deleted message' });
      return {
        message: m,
        provenance: await messageProvenance(ctx, m),
        ...(await messageAnnotations(ctx, m)),
      };
    },
  );

  app.post(
    '/api/messages/:id/verify',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['messages'],
        summary:
          'Re-check on the server: the ledger event’s hash and chain link, the message hashes, the original blob and media',
        params: Id,
        response: {
          200: z.object({
            ok: z.boolean(),
            checkedAt: z.string(),
            checks: z.array(
              z.object({
                name: z.string(),
                ok: z.boolean(),
                expected: z.string().optional(),
                found: z.string().optional(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const m = await loadVisible(ctx, req.params.id, principalOf(req).role);
      if (!m) return reply.code(404).send({ error: 'not_found', message: `no message ${req.params.id}` });
      const checks = await verifyMessage(ctx, m);
      return { ok: checks.every((c) => c.ok), checkedAt: ctx.now().toISOString(), checks };
    },
  );

  app.post(
    '/api/messages/:id/deletion',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['messages'],
        summary:
          'Mark a post as deleted by its author (with the reason): it leaves working views, search and exports; the sealed copy stays, for admins, audited',
        params: Id,
        body: z.object({ reason: z.string().trim().min(1).max(2000) }),
        response: { 201: z.object({ seq: z.number(), messageId: z.string() }), 409: ErrorBody, ...errors },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const m = await loadVisible(ctx, req.params.id, p.role);
      if (!m) return reply.code(404).send({ error: 'not_found', message: `no message ${req.params.id}` });
      if (m.deleted) return reply.code(409).send({ error: 'conflict', message: 'already marked deleted' });
      const payload: MessageDeletionMarkedPayload = { messageId: m.id, reason: req.body.reason };
      const [e] = await ctx.store.append([
        { kind: MESSAGE_DELETION_MARKED, at: ctx.now().toISOString(), actor: p.username, payload },
      ]);
      void ctx.waker.poke();
      return reply.code(201).send({ seq: e.seq, messageId: m.id });
    },
  );
}

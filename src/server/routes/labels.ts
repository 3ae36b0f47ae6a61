import { z } from 'zod';
import { Category } from '../../analysis/taxonomy.ts';
import { LABEL_CONFIRMED, type LabelConfirmedPayload } from '../../core/analysis-events.ts';
import { getMessageTriage } from '../../store/queries/analysis.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';
import { loadVisible } from './messages.ts';

export async function labelRoutes(app: App, ctx: ServerContext) {
  app.post(
    '/api/labels',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['labels'],
        summary: 'Confirm or correct a message’s category: a label.confirmed ledger event that outranks the model',
        body: z.object({
          messageId: z.string().regex(/^[0-9a-f]{6,64}$/),
          category: Category,
          note: z.string().max(2000).optional(),
        }),
        response: {
          201: z.object({
            seq: z.number(),
            messageId: z.string(),
            category: z.string(),
            previous: z.string().optional(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const m = await loadVisible(ctx, req.body.messageId, p.role);
      if (!m) return reply.code(404).send({ error: 'not_found', message: `no message ${req.body.messageId}` });
      const before = await getMessageTriage(ctx.store.db, m.id);
      const previous = Category.safeParse(before.category);
      const payload: LabelConfirmedPayload = {
        messageId: m.id,
        category: req.body.category,
        ...(previous.success ? { previous: previous.data } : {}),
        ...(req.body.note ? { note: req.body.note } : {}),
      };
      const [e] = await ctx.store.append([
        { kind: LABEL_CONFIRMED, at: ctx.now().toISOString(), actor: p.username, payload },
      ]);
      void ctx.waker.poke();
      return reply
        .code(201)
        .send({ seq: e.seq, messageId: m.id, category: payload.category, previous: payload.previous });
    },
  );

  app.get(
    '/api/labels',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['labels'],
        summary: 'Categories people confirmed or corrected, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }),
        response: {
          200: z.array(
            z.object({
              messageId: z.string(),
              category: z.string(),
              previous: z.string().nullable(),
              actor: z.string(),
              at: z.string(),
              seq: z.number(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const rows = await ctx.store.db
        .selectFrom('labels')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(req.query.limit ?? 200)
        .execute();
      return rows.map((r) => ({
        messageId: r.message_id,
        category: r.category,
        previous: r.previous,
        actor: r.actor,
        at: r.at,
        seq: Number(r.seq),
      }));
    },
  );
}

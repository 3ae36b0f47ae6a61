import { z } from 'zod';
import { type DeliverySummary, deliverySummaries, findAlert, listAlerts } from '../../store/queries/alerts.ts';
import { acknowledgeAlert } from '../../watch/watchlist.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';

/**
 * A webhook is shown by its origin only: its path or query often carries the receiver's token, which
 * a viewer has no need to see. Email addresses are the newsroom's own and are shown as they are.
 */
export function publicDelivery(d: DeliverySummary): DeliverySummary {
  if (d.channel !== 'webhook') return d;
  let target = 'webhook';
  try {
    target = new URL(d.target).origin;
  } catch {
    // an unparsable URL is not shown at all
  }
  return { ...d, target };
}

export async function alertRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/alerts',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['alerts'],
        summary:
          'Alerts, newest first, each with its reason in words and numbers and where it was delivered (webhooks by origin only)',
        querystring: z.object({
          state: z.enum(['open', 'acknowledged', 'all']).optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
        response: { 200: z.array(z.record(z.string(), z.unknown())), ...errors },
      },
    },
    async (req) => {
      const state = req.query.state ?? 'all';
      const all = await listAlerts(ctx.store.db, { unacknowledged: state === 'open', limit: req.query.limit ?? 500 });
      const shown = all.filter((a) => state !== 'acknowledged' || a.acknowledged);
      const sent = await deliverySummaries(
        ctx.store.db,
        shown.map((a) => a.alert.id),
      );
      return shown.map((a) => ({
        ...a,
        deliveries: (sent.get(a.alert.id) ?? []).map(publicDelivery),
      })) as unknown as Record<string, unknown>[];
    },
  );

  app.post(
    '/api/alerts/:id/ack',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert (a ledger event)',
        params: z.object({ id: z.string().regex(/^a-[0-9a-f]{4,16}$/) }),
        body: z.object({ comment: z.string().max(2000).optional() }).optional(),
        response: { 200: z.record(z.string(), z.unknown()), ...errors, 409: errors[400] },
      },
    },
    async (req, reply) => {
      const found = await findAlert(ctx.store.db, req.params.id);
      if (found.acknowledged) {
        return reply.code(409).send({ error: 'conflict', message: `already acknowledged by ${found.acknowledged.by}` });
      }
      const by = principalOf(req).username;
      await acknowledgeAlert(ctx.store, found.alert.id, by, ctx.now().toISOString(), req.body?.comment);
      void ctx.waker.poke();
      return (await findAlert(ctx.store.db, found.alert.id)) as unknown as Record<string, unknown>;
    },
  );
}

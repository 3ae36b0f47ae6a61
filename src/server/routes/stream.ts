import { z } from 'zod';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';
import { formatSse, toSse } from '../stream/sse-events.ts';

const BATCH = 1000;
const PING_MS = 15_000;

export async function streamRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/stream',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['stream'],
        summary:
          'Server-Sent Events: message, alert, person and analysis events as they reach the ledger. `id` is the ledger seq; reconnect with Last-Event-ID to replay from the ledger.',
        querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
        produces: ['text/event-stream'],
        response: { ...errors },
      },
    },
    async (req, reply) => {
      const header = req.headers['last-event-id'];
      const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
      let cursor = fromHeader ?? req.query.lastEventId ?? (await ctx.store.ledgerHead()).seq;

      // HEAD would otherwise hold the connection open with nothing ever sent.
      if (req.method === 'HEAD') {
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-store',
        });
        reply.raw.end();
        return;
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      // An id-only block sets the browser's Last-Event-ID without dispatching an event, so a reconnect
      // resumes from here even when nothing was sent in between.
      res.write(`retry: 2000\nid: ${cursor}\n\n`);

      let closed = false;
      let lastSent = cursor;
      let busy = false;
      let again = false;
      const drain = async () => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            let n = 0;
            for await (const e of ctx.store.readLedger(cursor + 1)) {
              if (closed) return;
              const ev = toSse(e);
              if (ev) {
                res.write(formatSse(e.seq, ev));
                lastSent = e.seq;
              }
              cursor = e.seq;
              if (++n >= BATCH) {
                again = true;
                break;
              }
            }
          } while (again && !closed);
          if (!closed && cursor > lastSent) {
            res.write(`id: ${cursor}\n\n`);
            lastSent = cursor;
          }
        } catch (err) {
          req.log.warn({ err }, 'stream read failed; will retry on the next wake');
        } finally {
          busy = false;
        }
      };

      const unsubscribe = ctx.waker.subscribe(() => void drain());
      const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
      ping.unref();
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(ping);
        unsubscribe();
      };
      req.raw.on('close', close);
      res.on('close', close);
      await drain();
    },
  );
}

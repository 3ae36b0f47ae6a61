import { z } from 'zod';
import { AUDIT_KINDS, listAudit } from '../../store/queries/audit.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';

export async function auditRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary:
          'The audit log, newest first: person-record reads, exports, views of sealed originals, sign-ins, user changes',
        querystring: z.object({
          actor: z.string().optional(),
          kind: z.enum(AUDIT_KINDS).optional(),
          beforeSeq: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
        response: {
          200: z.array(
            z.object({ seq: z.number(), at: z.string(), actor: z.string(), kind: z.string(), payload: z.unknown() }),
          ),
          ...errors,
        },
      },
    },
    async (req) => listAudit(ctx.store.db, req.query),
  );
}

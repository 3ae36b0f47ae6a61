import type { AuditKind } from '../store/queries/audit.ts';
import type { ServerContext } from './context.ts';

/** Record a sensitive read as a ledger event: who, what, when. */
export async function audit(ctx: ServerContext, actor: string, kind: AuditKind, payload: Record<string, unknown>) {
  await ctx.store.append([{ kind, at: ctx.now().toISOString(), actor, payload }]);
  void ctx.waker.poke();
}

import type { AuditKind } from '../store/queries/audit.ts';
import type { ServerContext } from './context.ts';

/** Record a sensitive read as a ledger event: who, what, when. */
export async function audit(ctx: ServerContext, actor: string, kind: AuditKind, payload: Record<string, unknown>) {
  await ctx.store.append([{ kind, at: ctx.now().toISOString(), actor, payload }]);
  void ctx.waker.poke();
}

/**
 * The same person loading the same image again within the window is one view, so that a feed full
 * of media does not bury the audit log; the first view in each window is always recorded.
 */
export class RepeatFilter {
  private seen = new Map<string, number>();
  constructor(private readonly windowMs = 3600_000) {}

  firstIn(key: string, nowMs: number): boolean {
    const last = this.seen.get(key);
    if (last !== undefined && nowMs - last < this.windowMs) return false;
    this.seen.set(key, nowMs);
    if (this.seen.size > 50_000) this.seen.clear();
    return true;
  }
}

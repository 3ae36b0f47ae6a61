import type { AuditKind } from '../store/queries/audit.ts';
import { cliActor } from './commands/users.ts';
import type { CliContext } from './context.ts';

/** Record a sensitive read from the command line as a ledger event, as the HTTP API does. */
export async function auditCli(
  ctx: CliContext,
  kind: AuditKind,
  payload: Record<string, unknown>,
  actor = cliActor(),
): Promise<void> {
  await ctx.store.append([{ kind, at: new Date().toISOString(), actor, payload }]);
}

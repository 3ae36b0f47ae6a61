import { userInfo } from 'node:os';
import { NotFoundError, UsageError } from '../core/errors.ts';
import { allows, type Role } from '../server/auth/roles.ts';
import { getUser } from '../store/queries/users.ts';
import type { CliContext } from './context.ts';

/**
 * Who is acting at the command line, for the few commands that need a role (the sealed copy of a deleted
 * post, an export that includes deleted posts). The CLI has no sign-in: `--as <user>` names a user of
 * the folder's users table, who must exist, be enabled and hold the role; the ledger records that user
 * and the operating-system account. This is accountability, not a wall: whoever can read the data
 * folder can read the database itself. What it gives is the dashboard's rule at the shell, and an
 * audit event naming who asked.
 */
export class RoleRefusedError extends UsageError {}

export async function requireRole(ctx: CliContext, as: string | undefined, need: Role, what: string): Promise<string> {
  if (!as) throw new RoleRefusedError(`${what} needs the ${need} role: add --as <user> (a ${need} of this folder)`);
  const u = await getUser(ctx.store.db, as);
  if (!u) throw new NotFoundError(`--as ${as}: no such user (vigil users list)`, as);
  if (u.disabled) throw new RoleRefusedError(`--as ${as}: that user is disabled`, as);
  if (!allows(u.role, need))
    throw new RoleRefusedError(`${what} needs the ${need} role; ${as} is ${u.role}: refused`, as);
  return `${as} (cli:${userInfo().username})`;
}

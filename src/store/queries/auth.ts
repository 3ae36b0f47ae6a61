import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.ts';
import type { UserRole } from './users.ts';

export interface Principal {
  username: string;
  role: UserRole;
}

export interface TokenInfo {
  id: string;
  username: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function insertToken(
  db: Kysely<Database>,
  t: { id: string; tokenHash: string; username: string; label?: string; at: string },
): Promise<void> {
  await db
    .insertInto('auth_tokens')
    .values({
      id: t.id,
      token_hash: t.tokenHash,
      username: t.username,
      label: t.label ?? null,
      created_at: t.at,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

/** The live principal behind a token hash, or undefined (unknown, revoked, user disabled). */
export async function principalForToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<(Principal & { tokenId: string }) | undefined> {
  const r = await db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.username', 'auth_tokens.username')
    .select(['auth_tokens.id', 'users.username', 'users.role', 'users.disabled', 'auth_tokens.revoked_at'])
    .where('auth_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!r || r.revoked_at !== null || r.disabled === 1) return undefined;
  return { username: r.username, role: r.role, tokenId: r.id };
}

export async function touchToken(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('auth_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function listTokens(db: Kysely<Database>, username?: string): Promise<TokenInfo[]> {
  let q = db.selectFrom('auth_tokens').select(['id', 'username', 'label', 'created_at', 'last_used_at', 'revoked_at']);
  if (username) q = q.where('username', '=', username);
  const rows = await q.orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    label: r.label,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeToken(db: Kysely<Database>, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('auth_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertSession(
  db: Kysely<Database>,
  s: { idHash: string; username: string; csrf: string; at: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('auth_sessions')
    .values({ id_hash: s.idHash, username: s.username, csrf: s.csrf, created_at: s.at, expires_at: s.expiresAt })
    .execute();
}

export async function principalForSession(
  db: Kysely<Database>,
  idHash: string,
  now: string,
): Promise<(Principal & { csrf: string }) | undefined> {
  const r = await db
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.username', 'auth_sessions.username')
    .select(['users.username', 'users.role', 'users.disabled', 'auth_sessions.csrf', 'auth_sessions.expires_at'])
    .where('auth_sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!r || r.disabled === 1 || r.expires_at <= now) return undefined;
  return { username: r.username, role: r.role, csrf: r.csrf };
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('expires_at', '<=', now).execute();
}

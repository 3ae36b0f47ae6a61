import type { Kysely } from 'kysely';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import type { Database } from '../schema/database.ts';
import type { UsersTable } from '../schema/users.ts';

export type UserRole = UsersTable['role'];

export interface User {
  username: string;
  role: UserRole;
  createdAt: string;
  disabled: boolean;
  hasPassword: boolean;
}

export class UserExistsError extends UsageError {}
export class UnknownUserError extends NotFoundError {}

export const USERNAME = /^[\p{L}\p{N}._-]{1,64}$/u;

function toUser(r: UsersTable): User {
  return {
    username: r.username,
    role: r.role,
    createdAt: r.created_at,
    disabled: r.disabled === 1,
    hasPassword: r.password_hash !== null,
  };
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function getUser(db: Kysely<Database>, username: string): Promise<User | undefined> {
  const r = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function getPasswordHash(db: Kysely<Database>, username: string): Promise<string | null | undefined> {
  const r = await db
    .selectFrom('users')
    .select(['password_hash', 'disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!r || r.disabled === 1) return undefined;
  return r.password_hash;
}

export async function insertUser(
  db: Kysely<Database>,
  u: { username: string; role: UserRole; passwordHash: string | null; at: string },
): Promise<User> {
  if (!USERNAME.test(u.username)) throw new UsageError(`invalid username: ${JSON.stringify(u.username)}`, u.username);
  if (await getUser(db, u.username)) throw new UserExistsError(`user ${u.username} already exists`, u.username);
  const row: UsersTable = {
    username: u.username,
    role: u.role,
    password_hash: u.passwordHash,
    created_at: u.at,
    disabled: 0,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

export async function updateUser(
  db: Kysely<Database>,
  username: string,
  change: { role?: UserRole; passwordHash?: string; disabled?: boolean },
): Promise<User> {
  const set: Partial<UsersTable> = {};
  if (change.role) set.role = change.role;
  if (change.passwordHash) set.password_hash = change.passwordHash;
  if (change.disabled !== undefined) set.disabled = change.disabled ? 1 : 0;
  if (Object.keys(set).length > 0) await db.updateTable('users').set(set).where('username', '=', username).execute();
  const u = await getUser(db, username);
  if (!u) throw new UnknownUserError(`no user ${username}`, username);
  return u;
}

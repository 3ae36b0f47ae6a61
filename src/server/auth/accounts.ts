import { randomBytes } from 'node:crypto';
import { UsageError } from '../../core/errors.ts';
import type { Store } from '../../store/contract.ts';
import { deleteSession, insertSession, insertToken, revokeToken } from '../../store/queries/auth.ts';
import {
  getUser,
  insertUser,
  UnknownUserError,
  type User,
  type UserRole,
  updateUser,
} from '../../store/queries/users.ts';
import { hashPassword } from './password.ts';
import { newSecret, SESSION_PREFIX, secretHash, TOKEN_PREFIX } from './secrets.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const SESSION_HOURS = 12;

export class WeakPasswordError extends UsageError {
  constructor(readonly length: number) {
    super(`passwords need at least ${MIN_PASSWORD_LENGTH} characters (got ${length})`, length);
  }
}

/** Add a user; the ledger records who added whom with which role, never the password. */
export async function addUser(
  store: Store,
  u: { username: string; role: UserRole; password?: string },
  actor: string,
  at = new Date(),
): Promise<User> {
  if (u.password !== undefined && u.password.length < MIN_PASSWORD_LENGTH)
    throw new WeakPasswordError(u.password.length);
  const passwordHash = u.password !== undefined ? await hashPassword(u.password) : null;
  const { result } = await store.appendWith(async (db) => {
    const user = await insertUser(db, { username: u.username, role: u.role, passwordHash, at: at.toISOString() });
    return {
      drafts: [{ kind: 'user.added', at: at.toISOString(), actor, payload: { username: u.username, role: u.role } }],
      result: user,
    };
  });
  return result;
}

export async function changeUser(
  store: Store,
  username: string,
  change: { role?: UserRole; password?: string; disabled?: boolean },
  actor: string,
  at = new Date(),
): Promise<User> {
  if (change.password !== undefined && change.password.length < MIN_PASSWORD_LENGTH) {
    throw new WeakPasswordError(change.password.length);
  }
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
  const { result } = await store.appendWith(async (db) => {
    if (!(await getUser(db, username))) throw new UnknownUserError(`no user ${username}`, username);
    const user = await updateUser(db, username, { role: change.role, passwordHash, disabled: change.disabled });
    const payload = {
      username,
      role: change.role,
      passwordChanged: passwordHash ? true : undefined,
      disabled: change.disabled,
    };
    return { drafts: [{ kind: 'user.changed', at: at.toISOString(), actor, payload }], result: user };
  });
  return result;
}

/** A new API token; the secret is returned once and only its hash is kept. */
export async function createToken(
  store: Store,
  username: string,
  actor: string,
  label?: string,
  at = new Date(),
): Promise<{ id: string; token: string }> {
  const token = newSecret(TOKEN_PREFIX);
  const id = randomBytes(6).toString('hex');
  await store.appendWith(async (db) => {
    if (!(await getUser(db, username))) throw new UnknownUserError(`no user ${username}`, username);
    await insertToken(db, { id, tokenHash: secretHash(token), username, label, at: at.toISOString() });
    return {
      drafts: [{ kind: 'token.created', at: at.toISOString(), actor, payload: { id, username, label } }],
      result: undefined,
    };
  });
  return { id, token };
}

export async function removeToken(store: Store, id: string, actor: string, at = new Date()): Promise<boolean> {
  const { result } = await store.appendWith(async (db) => {
    const revoked = await revokeToken(db, id, at.toISOString());
    return {
      drafts: revoked ? [{ kind: 'token.revoked', at: at.toISOString(), actor, payload: { id } }] : [],
      result: revoked,
    };
  });
  return result;
}

/** Open a browser session: the cookie secret and the CSRF token; the login is a ledger event. */
export async function openSession(
  store: Store,
  username: string,
  at = new Date(),
): Promise<{ secret: string; csrf: string; expiresAt: string }> {
  const secret = newSecret(SESSION_PREFIX);
  const csrf = randomBytes(24).toString('base64url');
  const expiresAt = new Date(at.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await store.appendWith(async (db) => {
    await insertSession(db, { idHash: secretHash(secret), username, csrf, at: at.toISOString(), expiresAt });
    return {
      drafts: [{ kind: 'auth.login', at: at.toISOString(), actor: username, payload: { username, via: 'password' } }],
      result: undefined,
    };
  });
  return { secret, csrf, expiresAt };
}

export async function closeSession(store: Store, sessionHash: string): Promise<void> {
  await deleteSession(store.db, sessionHash);
}

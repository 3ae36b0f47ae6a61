import type { Migration } from './migration.ts';

/**
 * System tier: credentials are not evidence and must never enter the ledger (which partners may receive).
 * The ledger records that a user or token was created (user.added, token.created), never the secret.
 */
export const usersAuthMigration: Migration = {
  name: '202611261830-users-auth',
  tier: 'system',
  tables: ['users', 'auth_tokens', 'auth_sessions'],
  async up(db) {
    await db.schema
      .createTable('users')
      .ifNotExists()
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('auth_tokens')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createTable('auth_sessions')
      .ifNotExists()
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('auth_sessions_user').ifNotExists().on('auth_sessions').column('username').execute();
  },
};

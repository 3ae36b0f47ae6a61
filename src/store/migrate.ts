import { type Kysely, sql } from 'kysely';
import type { Dialect } from './contract.ts';
import { migrations } from './migrations/index.ts';
import type { Migration } from './migrations/migration.ts';

function sorted(list: Migration[]): Migration[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

// biome-ignore lint/suspicious/noExplicitAny: the migrations table is created before typed access
export async function runMigrations(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  await db.schema
    .createTable('vigil_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied = new Set(
    (await db.selectFrom('vigil_migrations').select('name').execute()).map((r: { name: string }) => r.name),
  );
  const ran: string[] = [];
  for (const m of sorted(migrations)) {
    if (applied.has(m.name)) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx, dialect);
      await trx
        .insertInto('vigil_migrations')
        .values({ name: m.name, tier: m.tier, applied_at: new Date().toISOString() })
        .execute();
    });
    ran.push(m.name);
  }
  return ran;
}

/** Drop every working-tier table so the migrations can create them again, empty. */
// biome-ignore lint/suspicious/noExplicitAny: works below the typed schema
export async function dropWorkingTier(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const working = sorted(migrations)
    .filter((m) => m.tier === 'working')
    .reverse();
  await db.transaction().execute(async (trx) => {
    for (const m of working) {
      for (const t of [...m.tables].reverse()) {
        if (dialect === 'postgres') await sql`drop table if exists ${sql.table(t)} cascade`.execute(trx);
        else await sql`drop table if exists ${sql.table(t)}`.execute(trx);
      }
    }
    await trx.deleteFrom('vigil_migrations').where('tier', '=', 'working').execute();
  });
}

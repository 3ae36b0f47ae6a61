import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Store } from '../contract.ts';
import type { Database } from '../schema/database.ts';

/** A user's own dashboard settings; every key has a default, so a user who never set one gets it. */
export const UserSettings = z.object({
  /** Show captured screenshots, thumbnails and keyframes without a click (each reveal is still audited). */
  revealGraphicMedia: z.boolean(),
});
export type UserSettings = z.infer<typeof UserSettings>;

const DEFAULTS: UserSettings = { revealGraphicMedia: false };

/** The ledger kind of a changed setting (shared with the data folder's settings, whose payload has no `user`). */
const SETTING_CHANGED = 'setting.changed';

export async function readUserSettings(db: Kysely<Database>, username: string): Promise<UserSettings> {
  const rows = await db.selectFrom('user_settings').selectAll().where('username', '=', username).execute();
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const r of rows) if (r.key in DEFAULTS) out[r.key] = JSON.parse(r.value);
  const parsed = UserSettings.safeParse(out);
  return parsed.success ? parsed.data : DEFAULTS;
}

/**
 * Change some of a user's settings; the rows and a setting.changed event per changed key (with the user)
 * are written in one transaction. Only the user's own settings: `username` is the signed-in user.
 */
export async function setUserSettings(
  store: Pick<Store, 'appendWith'>,
  username: string,
  change: Partial<UserSettings>,
  now: Date = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await store.appendWith(async (db) => {
    const drafts = [];
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) continue;
      const row = { username, key, value: JSON.stringify(value), updated_at: at };
      await db
        .insertInto('user_settings')
        .values(row)
        .onConflict((oc) => oc.columns(['username', 'key']).doUpdateSet({ value: row.value, updated_at: at }))
        .execute();
      drafts.push({ kind: SETTING_CHANGED, at, actor: username, payload: { user: username, key, value } });
    }
    return { drafts, result: undefined };
  });
}

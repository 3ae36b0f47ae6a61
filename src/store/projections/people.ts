import type { Kysely } from 'kysely';
import type { LedgerEvent } from '../../core/ledger-event.ts';
import {
  accountKey,
  PERSON_ADDED,
  PERSON_NOTED,
  PERSON_UPDATED,
  type PersonAddedPayload,
  type PersonNotedPayload,
} from '../../core/person.ts';
import type { Projector } from '../contract.ts';
import type { Database } from '../schema/database.ts';

async function upsertPerson(db: Kysely<Database>, e: LedgerEvent<PersonAddedPayload>): Promise<void> {
  const p = e.payload.person;
  const row = {
    name: p.name,
    name_ar: p.nameAr ?? null,
    area: p.area ?? null,
    area_key: p.areaKey ?? null,
    tags: JSON.stringify(p.tags ?? []),
    updated_at: e.at,
    seq: e.seq,
  };
  const existing = await db.selectFrom('people').select('id').where('id', '=', p.id).executeTakeFirst();
  if (existing) await db.updateTable('people').set(row).where('id', '=', p.id).execute();
  else
    await db
      .insertInto('people')
      .values({ id: p.id, added_at: e.at, ...row })
      .execute();
  await db.deleteFrom('person_accounts').where('person_id', '=', p.id).execute();
  const accounts = new Map(p.accounts.map((a) => [accountKey(a.platform, a.handle), a]));
  if (accounts.size > 0) {
    await db
      .insertInto('person_accounts')
      .values(
        [...accounts].map(([key, a]) => ({
          person_id: p.id,
          platform: a.platform,
          handle: a.handle,
          handle_key: key.slice(a.platform.length + 1),
        })),
      )
      .execute();
  }
}

async function insertNote(db: Kysely<Database>, e: LedgerEvent<PersonNotedPayload>): Promise<void> {
  const n = e.payload.note;
  await db
    .insertInto('notes')
    .values({
      id: n.id,
      person_id: n.personId,
      status: n.status ?? null,
      author_made_contact: n.authorMadeContact === undefined ? null : n.authorMadeContact ? 1 : 0,
      text: n.text,
      author: n.author,
      at: n.at,
      supersedes: n.supersedes ?? null,
      superseded_by: null,
      evidence: n.evidence ? JSON.stringify(n.evidence) : null,
      seq: e.seq,
    })
    .execute();
  if (n.supersedes) await db.updateTable('notes').set({ superseded_by: n.id }).where('id', '=', n.supersedes).execute();
}

export const peopleProjector: Projector = {
  name: 'people',
  kinds: [PERSON_ADDED, PERSON_UPDATED, PERSON_NOTED],
  async apply(db, events) {
    for (const e of events) {
      if (e.kind === PERSON_NOTED) await insertNote(db, e as LedgerEvent<PersonNotedPayload>);
      else await upsertPerson(db, e as LedgerEvent<PersonAddedPayload>);
    }
  },
};

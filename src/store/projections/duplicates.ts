import { DUPLICATES_MERGED, DUPLICATES_SPLIT, type DuplicatesPayload } from '../../core/analysis-events.ts';
import type { LedgerEvent } from '../../core/ledger-event.ts';
import type { Projector } from '../contract.ts';

/** message_duplicates from people's merge/split decisions. Merging into a message already grouped joins its group. */
export const duplicatesProjector: Projector = {
  name: 'duplicates',
  kinds: [DUPLICATES_MERGED, DUPLICATES_SPLIT],
  async apply(db, events) {
    for (const e of events) {
      const { messageIds } = (e as LedgerEvent<DuplicatesPayload>).payload;
      if (e.kind === DUPLICATES_SPLIT) {
        await db.deleteFrom('message_duplicates').where('message_id', 'in', messageIds).execute();
        continue;
      }
      const existing = await db
        .selectFrom('message_duplicates')
        .select(['message_id', 'group_id'])
        .where('message_id', 'in', messageIds)
        .execute();
      const groups = [...new Set(existing.map((r) => r.group_id))];
      const group = groups.includes(messageIds[0]) ? messageIds[0] : (groups[0] ?? messageIds[0]);
      const members = new Set(messageIds);
      if (groups.length) {
        for (const r of await db
          .selectFrom('message_duplicates')
          .select('message_id')
          .where('group_id', 'in', groups)
          .execute())
          members.add(r.message_id);
      }
      await db
        .deleteFrom('message_duplicates')
        .where('message_id', 'in', [...members])
        .execute();
      await db
        .insertInto('message_duplicates')
        .values([...members].map((id) => ({ message_id: id, group_id: group, actor: e.actor, seq: e.seq })))
        .execute();
    }
  },
};

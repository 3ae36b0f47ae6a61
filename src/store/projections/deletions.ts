import { MESSAGE_DELETION_MARKED, type MessageDeletionMarkedPayload } from '../../core/events.ts';
import type { LedgerEvent } from '../../core/ledger-event.ts';
import type { Projector } from '../contract.ts';
import { chunk } from './chunk.ts';

/** A person marked a post deleted by its author: the working tier hides it (the ledger keeps every version). */
export const deletionsProjector: Projector = {
  name: 'deletions',
  kinds: [MESSAGE_DELETION_MARKED],
  async apply(db, events) {
    const ids = events.map((e) => (e as LedgerEvent<MessageDeletionMarkedPayload>).payload.messageId);
    for (const part of chunk(ids, 900))
      await db.updateTable('messages').set({ deleted: 1 }).where('id', 'in', part).execute();
  },
};

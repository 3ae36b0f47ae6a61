import type { LedgerEvent } from '../../core/ledger-event.ts';
import { SOURCE_EVENT, type SourceEvent } from '../../core/message.ts';
import type { Projector } from '../contract.ts';
import { chunk } from './chunk.ts';

/** The ledger payload of a source.event: the event and its identity hash. */
export interface SourceEventPayload {
  id: string;
  event: SourceEvent;
}

export const sourceEventsProjector: Projector = {
  name: 'source-events',
  kinds: [SOURCE_EVENT],
  async apply(db, events) {
    const rows = events.map((raw) => {
      const { id, event: e } = (raw as LedgerEvent<SourceEventPayload>).payload;
      return {
        id,
        platform: e.platform,
        native_id: e.nativeId,
        kind: e.kind,
        posted_at: e.postedAt ?? null,
        actor: e.actor ?? null,
        text: e.text,
        lang: e.lang ?? null,
        prov_blob: e.provenance.blob,
        prov_locator: e.provenance.locator,
        seq: raw.seq,
      };
    });
    for (const part of chunk(rows, 500))
      await db
        .insertInto('source_events')
        .values(part)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
  },
};

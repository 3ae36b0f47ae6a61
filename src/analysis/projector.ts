import {
  LABEL_CONFIRMED,
  type LabelConfirmedPayload,
  MESSAGE_ANALYZED,
  type MessageAnalyzedPayload,
} from '../core/analysis-events.ts';
import { normalizeArabic } from '../core/arabic-normalize.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import type { LedgerEvent } from '../core/ledger-event.ts';
import type { Projector } from '../store/contract.ts';
import { placeAncestors } from './extract/places.ts';

/**
 * analyses, message_places and labels from message.analyzed and label.confirmed; a label outranks the model.
 * It lives here because message_places also holds each place's gazetteer ancestors; the store gets it
 * from src/pipeline/open-vigil-store.ts, so append and rebuild both run it.
 */
export const analysisProjector: Projector = {
  name: 'analysis',
  kinds: [MESSAGE_ANALYZED, LABEL_CONFIRMED],
  async apply(db, events) {
    for (const e of events) {
      if (e.kind === MESSAGE_ANALYZED) {
        const { messageId, contentHash, analysis: a } = (e as LedgerEvent<MessageAnalyzedPayload>).payload;
        const label = await db
          .selectFrom('labels')
          .select('category')
          .where('message_id', '=', messageId)
          .executeTakeFirst();
        const row = {
          content_hash: contentHash,
          language: a.language,
          category: label?.category ?? a.category,
          model_category: a.category,
          confidence: a.confidence,
          urgency: a.flags.urgency,
          eyewitness: a.flags.eyewitness ? 1 : 0,
          // canonical, so a rebuild from the ledger writes the same bytes as the first append
          analysis: canonicalJson(a),
          model_version: a.modelVersion,
          at: e.at,
          seq: e.seq,
        };
        await db
          .insertInto('analyses')
          .values({ message_id: messageId, ...row })
          .onConflict((oc) => oc.column('message_id').doUpdateSet(row))
          .execute();
        await db.deleteFrom('message_places').where('message_id', '=', messageId).execute();
        // the places named, then the places containing them (for search --place at any level)
        const seen = new Set<string>();
        const places = [...a.places, ...a.places.flatMap((p) => placeAncestors(p.name))].filter((p) => {
          if (seen.has(p.name)) return false;
          seen.add(p.name);
          return true;
        });
        if (places.length)
          await db
            .insertInto('message_places')
            .values(
              places.map((p) => ({
                message_id: messageId,
                place: p.name,
                place_key: normalizeArabic(p.name),
                lat: p.lat,
                lon: p.lon,
              })),
            )
            .execute();
      } else {
        const p = (e as LedgerEvent<LabelConfirmedPayload>).payload;
        const row = { category: p.category, previous: p.previous ?? null, actor: e.actor, at: e.at, seq: e.seq };
        await db
          .insertInto('labels')
          .values({ message_id: p.messageId, ...row })
          .onConflict((oc) => oc.column('message_id').doUpdateSet(row))
          .execute();
        await db.updateTable('analyses').set({ category: p.category }).where('message_id', '=', p.messageId).execute();
      }
    }
  },
};

import type { Kysely } from 'kysely';
import {
  LABEL_CONFIRMED,
  type LabelConfirmedPayload,
  MESSAGE_ANALYZED,
  type MessageAnalyzedPayload,
} from '../core/analysis-events.ts';
import { normalizeArabic } from '../core/arabic-normalize.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { knownPayloadJson, type LedgerEvent } from '../core/ledger-event.ts';
import type { Projector } from '../store/contract.ts';
import { ORPHAN_ROWID_BELOW } from '../store/migrations/202612052131-analyses-in-time-order.ts';
import { chunk } from '../store/projections/chunk.ts';
import type { AnalysesTable } from '../store/schema/analyses.ts';
import type { Database } from '../store/schema/database.ts';
import type { MessagePlacesTable } from '../store/schema/message-places.ts';
import { sqliteStatements } from '../store/sqlite-statements.ts';
import { placeAncestors } from './extract/places.ts';
import { dupSignature } from './near-dup.ts';

/**
 * analyses, message_places and labels from message.analyzed and label.confirmed; a label outranks the model.
 * It lives here because message_places also holds each place's gazetteer ancestors; the store gets it
 * from src/pipeline/open-vigil-store.ts, so append and rebuild both run it.
 */
export const analysisProjector: Projector = {
  name: 'analysis',
  kinds: [MESSAGE_ANALYZED, LABEL_CONFIRMED],
  async apply(db, events) {
    // Labels of the batch's messages up front (one query, not one a message), kept current below.
    const analyzed = events.flatMap((e) =>
      e.kind === MESSAGE_ANALYZED ? [(e as LedgerEvent<MessageAnalyzedPayload>).payload.messageId] : [],
    );
    const labels = await labelsOf(db, analyzed);
    // The texts analyzed (the messages projector ran first on this batch), for their near-duplicate signature.
    const texts = await textsOf(db, analyzed);
    for (const e of events) {
      if (e.kind === MESSAGE_ANALYZED) {
        const { messageId, contentHash, analysis: a } = (e as LedgerEvent<MessageAnalyzedPayload>).payload;
        // Only for the version analyzed: after an edit the stored text is another one (the digest hashes it then).
        const current = texts.get(messageId);
        const signature = current?.contentHash === contentHash ? dupSignature(current.text) : undefined;
        const row = {
          content_hash: contentHash,
          language: a.language,
          category: labels.get(messageId) ?? a.category,
          model_category: a.category,
          confidence: a.confidence,
          urgency: a.flags.urgency,
          eyewitness: a.flags.eyewitness ? 1 : 0,
          // canonical, so a rebuild from the ledger writes the same bytes as the first append
          analysis: analysisJson(e as LedgerEvent<MessageAnalyzedPayload>),
          model_version: a.modelVersion,
          copy_key: signature?.copyKey ?? null,
          simhash: signature?.simhash ?? null,
          figures: a.casualties.length,
          at: e.at,
          seq: e.seq,
        };
        // the places named, then the places containing them (for search --place at any level)
        const seen = new Set<string>();
        const places = [...a.places, ...a.places.flatMap((p) => placeAncestors(p.name))].filter((p) => {
          if (seen.has(p.name)) return false;
          seen.add(p.name);
          return true;
        });
        await writeAnalysis(
          db,
          { message_id: messageId, ...row },
          current?.rowkey,
          places.map((p) => ({
            message_id: messageId,
            place: p.name,
            place_key: normalizeArabic(p.name),
            lat: p.lat,
            lon: p.lon,
          })),
        );
      } else {
        const p = (e as LedgerEvent<LabelConfirmedPayload>).payload;
        const row = { category: p.category, previous: p.previous ?? null, actor: e.actor, at: e.at, seq: e.seq };
        await db
          .insertInto('labels')
          .values({ message_id: p.messageId, ...row })
          .onConflict((oc) => oc.column('message_id').doUpdateSet(row))
          .execute();
        await db.updateTable('analyses').set({ category: p.category }).where('message_id', '=', p.messageId).execute();
        labels.set(p.messageId, p.category);
      }
    }
  },
};

const ANALYSIS_PREFIX = '{"analysis":';

/**
 * canonicalJson of a message.analyzed event's analysis. An event chained in this process has its payload's
 * canonical JSON already: {"analysis":A,"contentHash":C,"messageId":M} in RFC 8785 key order, so A is cut
 * out of it rather than serialized again (only when the payload has exactly those three members).
 */
function analysisJson(e: LedgerEvent<MessageAnalyzedPayload>): string {
  const { messageId, contentHash, analysis } = e.payload;
  const json = knownPayloadJson(e);
  if (json !== undefined && Object.keys(e.payload).length === 3 && json.startsWith(ANALYSIS_PREFIX)) {
    const suffix = `,"contentHash":${canonicalJson(contentHash)},"messageId":${canonicalJson(messageId)}}`;
    if (json.endsWith(suffix)) return json.slice(ANALYSIS_PREFIX.length, json.length - suffix.length);
  }
  return canonicalJson(analysis);
}

async function labelsOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk([...new Set(ids)], 900)) {
    const rows = await db
      .selectFrom('labels')
      .select(['message_id', 'category'])
      .where('message_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.message_id, r.category);
  }
  return out;
}

interface AnalyzedText {
  text: string;
  contentHash: string;
  rowkey: number;
}

async function textsOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, AnalyzedText>> {
  const out = new Map<string, AnalyzedText>();
  for (const part of chunk([...new Set(ids)], 900)) {
    const rows = await db
      .selectFrom('messages')
      .select(['id', 'text', 'content_hash', 'rowkey'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, { text: r.text, contentHash: r.content_hash, rowkey: Number(r.rowkey) });
  }
  return out;
}

const upsertTexts = new Map<string, string>();

/** The upsert of an analyses row with these columns, built once (not once a message). */
function upsertText(cols: (keyof AnalysesTable)[], withRowkey: boolean): string {
  const key = `${withRowkey ? 1 : 0}${cols.join(',')}`;
  let text = upsertTexts.get(key);
  if (text === undefined) {
    const set = cols.filter((c) => c !== 'message_id').map((c) => `${c} = excluded.${c}`);
    const rowid = withRowkey
      ? '?'
      : `(select min(r) - 1 from (select min(rowid) as r from analyses union all select ${ORPHAN_ROWID_BELOW}))`;
    text = `insert into analyses (rowid, ${cols.join(', ')}) values (${rowid}, ${cols.map(() => '?').join(', ')})
         on conflict (message_id) do update set ${set.join(', ')}`;
    upsertTexts.set(key, text);
  }
  return text;
}

/**
 * One message's analysis row (replacing any before it) and its places; SQLite through prepared statements,
 * with the message's rowkey as the row's rowid (migration 202612052131: a digest walks messages and their
 * analyses in the same order), or one below every rowkey when the message is not stored.
 */
async function writeAnalysis(
  db: Kysely<Database>,
  row: AnalysesTable,
  rowkey: number | undefined,
  places: MessagePlacesTable[],
): Promise<void> {
  const fast = sqliteStatements(db);
  if (fast) {
    const cols = Object.keys(row) as (keyof AnalysesTable)[];
    const params = cols.map((c) => row[c]);
    if (rowkey !== undefined) params.unshift(rowkey);
    fast.statement(upsertText(cols, rowkey !== undefined)).run(params);
    fast.statement('delete from message_places where message_id = ?').run(row.message_id);
    const insert = fast.statement(
      'insert into message_places (message_id, place, place_key, lat, lon) values (?, ?, ?, ?, ?)',
    );
    for (const p of places) insert.run(p.message_id, p.place, p.place_key, p.lat, p.lon);
    return;
  }
  const { message_id: _id, ...update } = row;
  await db
    .insertInto('analyses')
    .values(row)
    .onConflict((oc) => oc.column('message_id').doUpdateSet(update))
    .execute();
  await db.deleteFrom('message_places').where('message_id', '=', row.message_id).execute();
  if (places.length) await db.insertInto('message_places').values(places).execute();
}

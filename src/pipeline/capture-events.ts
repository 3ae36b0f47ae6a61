import { canonicalJson } from '../core/canonical-json.ts';
import { sha256Hex } from '../core/hash.ts';
import type { LedgerEventDraft } from '../core/ledger-event.ts';
import { SOURCE_EVENT, SourceEvent, type SourceEventInput } from '../core/message.ts';
import type { Store } from '../store/contract.ts';
import { chunk } from '../store/projections/chunk.ts';

export interface PendingEvent {
  raw: SourceEventInput;
  file: string;
  place: string;
}

export interface EventsOutcome {
  new: number;
  known: number;
  invalid: { file: string; place: string; reason: string }[];
}

export function sourceEventId(e: Pick<SourceEvent, 'platform' | 'nativeId'>): string {
  return sha256Hex(canonicalJson({ platform: e.platform, event: e.nativeId }));
}

/** Append a source.event for each recognized notice not stored yet (same id: already there). */
export async function captureEvents(
  store: Store,
  batch: PendingEvent[],
  opts: { actor: string },
): Promise<EventsOutcome> {
  const out: EventsOutcome = { new: 0, known: 0, invalid: [] };
  const valid: { id: string; event: SourceEvent }[] = [];
  for (const p of batch) {
    const r = SourceEvent.safeParse(p.raw);
    if (!r.success) {
      const i = r.error.issues[0];
      out.invalid.push({ file: p.file, place: p.place, reason: `${i.path.join('.')}: ${i.message}` });
      continue;
    }
    valid.push({ id: sourceEventId(r.data), event: r.data });
  }
  if (valid.length === 0) return out;
  await store.appendWith(async (db) => {
    const have = new Set<string>();
    for (const part of chunk(
      valid.map((v) => v.id),
      900,
    )) {
      const rows = await db.selectFrom('source_events').select('id').where('id', 'in', part).execute();
      for (const r of rows) have.add(r.id);
    }
    const at = new Date().toISOString();
    const drafts: LedgerEventDraft[] = [];
    for (const v of valid) {
      if (have.has(v.id)) {
        out.known++;
        continue;
      }
      have.add(v.id);
      out.new++;
      drafts.push({ kind: SOURCE_EVENT, at, actor: opts.actor, payload: v });
    }
    return { drafts, result: undefined };
  });
  return out;
}

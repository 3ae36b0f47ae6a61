import { canonicalJson } from '../core/canonical-json.ts';
import { DIGEST_CREATED, type DigestCreatedPayload } from '../core/events.ts';
import { sha256Hex } from '../core/hash.ts';
import type { LedgerEvent } from '../core/ledger-event.ts';
import type { Store } from '../store/contract.ts';
import { allQuotes } from './build-digest.ts';
import type { Digest } from './digest-model.ts';
import type { DigestFormat } from './render.ts';

export function digestHash(d: Digest): string {
  return sha256Hex(canonicalJson(d));
}

/** Append `digest.created`: what was said (its hash and the posts quoted), in which bytes, by whom and when. */
export async function recordDigest(
  store: Store,
  d: Digest,
  format: DigestFormat,
  output: Uint8Array,
  actor: string,
): Promise<LedgerEvent> {
  const o = d.options;
  const payload: DigestCreatedPayload = {
    hash: digestHash(d),
    format,
    outputSha256: sha256Hex(output),
    since: o.since,
    until: o.until,
    ...(o.place ? { place: o.place } : {}),
    people: o.people,
    lang: o.lang,
    query: d.query,
    messageIds: [...new Set(allQuotes(d).map((q) => q.messageId))].sort(),
    messages: d.totals.messages,
    accounts: d.totals.accounts,
  };
  const [event] = await store.append([{ kind: DIGEST_CREATED, at: d.generatedAt, actor, payload }]);
  return event;
}

import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './hash.ts';

/** The hash the first event chains from. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event before it has a place in the chain. Kinds are dotted nouns: message.captured, person.noted, ... */
export interface LedgerEventDraft<P = unknown> {
  kind: string;
  /** When it happened (ISO 8601, UTC). */
  at: string;
  /** Who caused it: a user name, "system", or an importer name. */
  actor: string;
  payload: P;
}

export interface LedgerEvent<P = unknown> extends LedgerEventDraft<P> {
  seq: number;
  prevHash: string;
  hash: string;
}

// Each payload is canonicalized once: for its hash and again for the ledger row it would be the same string.
const payloadJson = new WeakMap<object, string>();

/** The canonical JSON of an event's payload (the ledger's `payload` column), computed once per event. */
export function canonicalPayload(e: Pick<LedgerEvent, 'payload'>): string {
  let s = payloadJson.get(e);
  if (s === undefined) {
    s = canonicalJson(e.payload);
    payloadJson.set(e, s);
  }
  return s;
}

/** The payload's canonical JSON when it was computed already for this event (chained here), else undefined. */
export function knownPayloadJson(e: Pick<LedgerEvent, 'payload'>): string | undefined {
  return payloadJson.get(e);
}

/**
 * The bytes an event's hash covers: everything but the hash itself, canonicalized, i.e.
 * canonicalJson({ seq, at, actor, kind, payload, prevHash }). Built from its members' canonical forms in
 * RFC 8785 key order, so a payload canonicalized already (`payloadJson`, e.g. as stored) is not redone.
 */
export function eventBody(e: Omit<LedgerEvent, 'hash'>, payloadJson = canonicalJson(e.payload)): string {
  if (!Number.isSafeInteger(e.seq)) throw new TypeError(`ledger seq must be an integer: ${e.seq}`);
  return `{"actor":${canonicalJson(e.actor)},"at":${canonicalJson(e.at)},"kind":${canonicalJson(e.kind)},"payload":${payloadJson},"prevHash":${canonicalJson(e.prevHash)},"seq":${e.seq}}`;
}

export function hashEvent(e: Omit<LedgerEvent, 'hash'>, payloadJson?: string): string {
  return sha256Hex(eventBody(e, payloadJson));
}

// Payloads whose canonical JSON was computed already, elsewhere (a bulk import's analysis worker), by payload object.
const givenJson = new WeakMap<object, string>();

/**
 * Hand chainEvents the canonical JSON of a draft's payload, computed elsewhere as canonicalJson(payload) of an
 * equal object (an analysis worker's message.analyzed payload): it is used instead of computing it again.
 */
export function givePayloadJson(payload: object, json: string): void {
  givenJson.set(payload, json);
}

/** Give drafts their seq, prevHash and hash, continuing from the current head. */
export function chainEvents(head: { seq: number; hash: string }, drafts: LedgerEventDraft[]): LedgerEvent[] {
  let { seq, hash } = head;
  return drafts.map((d) => {
    const e = { ...d, seq: seq + 1, prevHash: hash };
    const given = typeof d.payload === 'object' && d.payload !== null ? givenJson.get(d.payload) : undefined;
    const json = given ?? canonicalJson(d.payload);
    const full = { ...e, hash: hashEvent(e, json) };
    payloadJson.set(full, json);
    seq = full.seq;
    hash = full.hash;
    return full;
  });
}

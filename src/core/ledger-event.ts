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

/** The bytes an event's hash covers: everything but the hash itself, canonicalized. */
export function eventBody(e: Omit<LedgerEvent, 'hash'>): string {
  return canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    kind: e.kind,
    payload: e.payload,
    prevHash: e.prevHash,
  });
}

export function hashEvent(e: Omit<LedgerEvent, 'hash'>): string {
  return sha256Hex(eventBody(e));
}

/** Give drafts their seq, prevHash and hash, continuing from the current head. */
export function chainEvents(head: { seq: number; hash: string }, drafts: LedgerEventDraft[]): LedgerEvent[] {
  let { seq, hash } = head;
  return drafts.map((d) => {
    const e = { ...d, seq: seq + 1, prevHash: hash };
    const full = { ...e, hash: hashEvent(e) };
    seq = full.seq;
    hash = full.hash;
    return full;
  });
}

/** 2^20: room for 20 bits of the identity hash under each millisecond. */
const SLOT_BITS = 2 ** 20;
const MAX_MS = 2 ** 42; // year ~2109; beyond that keys would overflow a signed 64-bit integer

/**
 * Time-ordered integer key for a message: newest-first search walks the full-text index in key order
 * and stops at the limit instead of sorting every hit.
 */
export function rowkeyFor(postedAt: string, identityHash: string): number {
  const ms = Math.max(-MAX_MS, Math.min(MAX_MS, Date.parse(postedAt)));
  return ms * SLOT_BITS + Number.parseInt(identityHash.slice(0, 5), 16);
}

export function rowkeyRange(since?: string, until?: string): { lo?: number; hi?: number } {
  return {
    lo: since ? Math.max(-MAX_MS, Date.parse(since)) * SLOT_BITS : undefined,
    hi: until ? Math.min(MAX_MS, Date.parse(until)) * SLOT_BITS + (SLOT_BITS - 1) : undefined,
  };
}

/** 2^20 slots under each second, filled from the identity hash. */
const SLOT_BITS = 2 ** 20;
/** Seconds are clamped to ±2^32 (years 1834..2106) so every key stays an exact integer below 2^53. */
const MAX_SECONDS = 2 ** 32;

function seconds(iso: string): number {
  return Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, Math.floor(Date.parse(iso) / 1000)));
}

/**
 * Time-ordered integer key for a message: newest-first search walks the full-text index in key order
 * and stops at the limit instead of sorting every hit. Keys stay below 2^53, so bumping one by 1 on a
 * collision is exact in JavaScript and in both databases.
 */
export function rowkeyFor(postedAt: string, identityHash: string): number {
  return seconds(postedAt) * SLOT_BITS + Number.parseInt(identityHash.slice(0, 5), 16);
}

export function rowkeyRange(since?: string, until?: string): { lo?: number; hi?: number } {
  return {
    lo: since ? seconds(since) * SLOT_BITS : undefined,
    hi: until ? seconds(until) * SLOT_BITS + (SLOT_BITS - 1) : undefined,
  };
}

/** Evidence tier: the append-only, hash-chained event log. Never dropped by rebuild. */
export interface LedgerTable {
  seq: number;
  at: string;
  actor: string;
  kind: string;
  /**
   * Canonical JSON of the payload (verify checks it is byte-for-byte canonical), or '' when `payload_z` holds
   * it compressed. Read both through payloadText (ledger-codec/ledger-codec.ts), never directly.
   */
  payload: string;
  /** Null, or the payload compressed: a dictionary number, then raw deflate (ledger-codec/ledger-codec.ts). */
  payload_z: Uint8Array | null;
  prev_hash: string;
  hash: string;
}

/** Evidence tier: the preset dictionaries of compressed ledger payloads, by number (written once each). */
export interface LedgerDictionariesTable {
  version: number;
  sha256: string;
  dictionary: Uint8Array;
}

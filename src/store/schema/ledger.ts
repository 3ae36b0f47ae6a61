/** Evidence tier: the append-only, hash-chained event log. Never dropped by rebuild. */
export interface LedgerTable {
  seq: number;
  at: string;
  actor: string;
  kind: string;
  /** Canonical JSON of the payload; verify checks it is byte-for-byte canonical. */
  payload: string;
  prev_hash: string;
  hash: string;
}

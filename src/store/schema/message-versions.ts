/** Working tier: every content version of a message, in capture order. */
export interface MessageVersionsTable {
  id: string;
  content_hash: string;
  seq: number;
  captured_at: string;
}

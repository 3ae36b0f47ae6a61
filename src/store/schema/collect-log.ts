/** System tier: items captured per collection round of a follow; rows older than two days are pruned. */
export interface CollectLogTable {
  follow_key: string;
  at: string;
  items: number;
}

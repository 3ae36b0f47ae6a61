/** Working tier: one row per author with at least one message; its row count is the number of distinct authors. */
export interface MessageAuthorsTable {
  author_id: string;
}

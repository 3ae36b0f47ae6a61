/** Working tier: a person's accounts; `handle_key` is lowercase without @, for matching message authors. */
export interface PersonAccountsTable {
  person_id: string;
  platform: string;
  handle: string;
  handle_key: string;
}

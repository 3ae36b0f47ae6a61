/** Working tier: which confirmed near-duplicate group a message belongs to (group id = representative's id). */
export interface MessageDuplicatesTable {
  message_id: string;
  group_id: string;
  actor: string;
  seq: number;
}

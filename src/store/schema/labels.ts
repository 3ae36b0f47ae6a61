/** Working tier: the latest category a person confirmed per message (label.confirmed). */
export interface LabelsTable {
  message_id: string;
  category: string;
  previous: string | null;
  actor: string;
  at: string;
  seq: number;
}

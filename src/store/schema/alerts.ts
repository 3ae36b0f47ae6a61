/** Working tier: alerts raised (alert.raised) and their acknowledgement (alert.acknowledged). */
export interface AlertsTable {
  id: string;
  key: string;
  kind: string;
  subject: string;
  person_id: string | null;
  area: string | null;
  at: string;
  title: string;
  reason: string;
  /** JSON of the whole Alert. */
  alert: string;
  seq: number;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  ack_comment: string | null;
}

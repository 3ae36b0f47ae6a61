/** System tier: one row per alert sent through one channel, with every attempt. */
export interface AlertDeliveriesTable {
  id: string;
  alert_id: string;
  channel: string;
  target: string;
  ok: number;
  /** JSON array of DeliveryAttempt. */
  attempts: string;
  at: string;
}

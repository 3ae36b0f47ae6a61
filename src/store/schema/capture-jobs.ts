/** System tier: one URL to capture for one message, and how far it has got. */
export interface CaptureJobsTable {
  /** sha256(message id, newline, url). */
  id: string;
  message_id: string;
  url: string;
  /** media | link | page */
  kind: string;
  /** pending | done | failed */
  state: string;
  attempts: number;
  next_try_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  requested_seq: number;
  result_seq: number | null;
  /** The capture.completed or capture.failed payload, as JSON. */
  result: string | null;
  updated_at: string;
}

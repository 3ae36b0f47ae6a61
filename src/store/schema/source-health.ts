/** System tier: how collection of one follow is doing. */
export interface SourceHealthTable {
  follow_key: string;
  /** ok | degraded | failing | auth_needed | rate_limited */
  state: string;
  last_success_at: string | null;
  /** The last failure in words. */
  last_error: string | null;
  last_error_at: string | null;
  next_try_at: string | null;
  /** Failures in a row since the last success. */
  failures: number;
  updated_at: string;
}

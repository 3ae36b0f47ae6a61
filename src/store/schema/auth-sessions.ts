/** System tier: browser sessions. The cookie holds the session secret; only its SHA-256 is stored. */
export interface AuthSessionsTable {
  id_hash: string;
  username: string;
  /** Synchronizer CSRF token the page sends back in X-CSRF-Token on mutations. */
  csrf: string;
  created_at: string;
  expires_at: string;
}

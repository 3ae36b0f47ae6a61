/** System tier: people who can log in. Not derived from the ledger; kept by rebuild. */
export interface UsersTable {
  username: string;
  role: 'admin' | 'analyst' | 'viewer';
  /** scrypt$N$r$p$salt$hash (base64); null for token-only accounts. */
  password_hash: string | null;
  created_at: string;
  disabled: number;
}

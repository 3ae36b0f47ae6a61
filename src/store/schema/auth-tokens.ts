/** System tier: API tokens. Only the SHA-256 of a token is stored. */
export interface AuthTokensTable {
  id: string;
  token_hash: string;
  username: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

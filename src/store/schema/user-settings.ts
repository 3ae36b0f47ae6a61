/** System tier: one setting of one user per row; `value` is JSON. Kept by rebuild. */
export interface UserSettingsTable {
  username: string;
  key: string;
  value: string;
  updated_at: string;
}

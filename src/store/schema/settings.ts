/** System tier: one setting of the data folder per row; `value` is JSON. Kept by rebuild. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string;
}

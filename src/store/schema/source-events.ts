/** Working tier: recognized system notices from imports (source.event), one row per event id. */
export interface SourceEventsTable {
  /** identity hash over platform and native id */
  id: string;
  platform: string;
  native_id: string;
  kind: string;
  posted_at: string | null;
  actor: string | null;
  text: string;
  lang: string | null;
  prov_blob: string;
  prov_locator: string;
  seq: number;
}

/** System tier: where a follow's collection has got to; `cursor` is the source's own JSON. */
export interface SourceCursorsTable {
  follow_key: string;
  cursor: string;
  updated_at: string;
}

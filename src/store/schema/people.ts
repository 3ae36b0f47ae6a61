/** Working tier: the current version of each watched person (person.added / person.updated). */
export interface PeopleTable {
  id: string;
  name: string;
  name_ar: string | null;
  area: string | null;
  /** Gazetteer name when the area resolved. */
  area_key: string | null;
  /** JSON array of strings. */
  tags: string;
  added_at: string;
  updated_at: string;
  seq: number;
}

/** Working tier: places a message names (from its analysis), for `search --place`. */
export interface MessagePlacesTable {
  message_id: string;
  place: string;
  /** normalizeArabic(place). */
  place_key: string;
  lat: number;
  lon: number;
}

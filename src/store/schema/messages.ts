/** Working tier: the current version of each message. */
export interface MessagesTable {
  /** Time-ordered key: posted epoch ms * 2^20 + 20 bits of the identity hash (bumped on collision). */
  rowkey: number;
  id: string;
  content_hash: string;
  platform: string;
  native_id: string;
  url: string | null;
  author_id: string;
  author_handle: string | null;
  author_name: string | null;
  posted_at: string;
  captured_at: string;
  text: string;
  lang: string | null;
  /** JSON array of Media. */
  media: string;
  reply_to: string | null;
  repost_of: string | null;
  /** MessageKind; null for plain text. */
  kind: string | null;
  /** JSON Geo. */
  geo: string | null;
  /** JSON Poll. */
  poll: string | null;
  deleted: number;
  prov_source: string;
  prov_blob: string;
  prov_locator: string;
  importer: string;
  seq: number;
  versions: number;
  /** PostgreSQL only: the normalized text the tsvector and trigram index cover. */
  search_text?: string;
}

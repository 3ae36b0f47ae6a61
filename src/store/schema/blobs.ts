/** Working tier: originals captured (export files, stdin chunks, media), from blob.captured events. */
export interface BlobsTable {
  sha256: string;
  bytes: number;
  name: string | null;
  mime: string | null;
  source: string | null;
  seq: number;
  captured_at: string;
}

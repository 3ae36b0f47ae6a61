import { z } from 'zod';
import { Message, Sha256Hex } from './message.ts';

/** Ledger event kinds Vigil writes and their payloads. Other domains add theirs beside their code. */
export const MESSAGE_CAPTURED = 'message.captured';
export const MessageCapturedPayload = z.object({
  id: Sha256Hex,
  contentHash: Sha256Hex,
  message: Message,
});
export type MessageCapturedPayload = z.infer<typeof MessageCapturedPayload>;

export const BLOB_CAPTURED = 'blob.captured';
export const BlobCapturedPayload = z.object({
  sha256: Sha256Hex,
  bytes: z.number().int().nonnegative(),
  name: z.string().optional(),
  mime: z.string().optional(),
  /** What kind of original: an export file, a stdin chunk, a media file. */
  source: z.string().optional(),
});
export type BlobCapturedPayload = z.infer<typeof BlobCapturedPayload>;

/**
 * A signed tree head over the ledger (src/evidence/checkpoint.ts): the Merkle tree (RFC 6962) of the
 * first `treeSize` events, as a C2SP tlog-checkpoint signed note. The checkpoint event itself is a
 * leaf of every later tree.
 */
export const CHECKPOINT_SIGNED = 'checkpoint.signed';
export const CheckpointSignedPayload = z.object({
  origin: z.string().min(1),
  treeSize: z.number().int().nonnegative(),
  /** Root hash, lowercase hex (the note carries it in base64). */
  rootHash: Sha256Hex,
  /** When it was signed (ISO 8601 UTC); also the note's `time` extension line. */
  time: z.string(),
  /** The whole signed note, byte for byte: what a timestamp authority is asked to stamp. */
  note: z.string(),
  /** The verifier key: `<name>+<key id hex>+<base64(0x01 || public key)>`. */
  verifierKey: z.string(),
});
export type CheckpointSignedPayload = z.infer<typeof CheckpointSignedPayload>;

/** An RFC 3161 timestamp token over a checkpoint note's SHA-256. */
export const TIMESTAMP_RECORDED = 'timestamp.recorded';
export const TimestampRecordedPayload = z.object({
  /** Ledger seq of the checkpoint.signed event it stamps. */
  checkpointSeq: z.number().int().positive(),
  /** SHA-256 of the note (hex): the token's message imprint. */
  imprint: Sha256Hex,
  /** The authority's URL, or `imported` for a reply brought in by `vigil timestamp import`. */
  tsa: z.string(),
  /** The authority's time, from the token (ISO 8601 UTC). */
  genTime: z.string(),
  /** The whole TimeStampResp, DER, base64: what `openssl ts -verify -in` reads. */
  response: z.string(),
});
export type TimestampRecordedPayload = z.infer<typeof TimestampRecordedPayload>;

/**
 * A person marked a message as deleted by its author (seen gone on the platform, or the author asked).
 * The working tier hides it from then on; the sealed copy stays in the ledger and the blob store.
 */
export const MESSAGE_DELETION_MARKED = 'message.deletion_marked';
export const MessageDeletionMarkedPayload = z.object({
  messageId: Sha256Hex,
  reason: z.string().min(1),
});
export type MessageDeletionMarkedPayload = z.infer<typeof MessageDeletionMarkedPayload>;

/**
 * A digest was made (vigil digest, or the dashboard's Digest page). `hash` is the SHA-256 of the digest's
 * canonical JSON (RFC 8785), `outputSha256` of the exact bytes handed out (Markdown, HTML, PDF or JSON),
 * so an editor can prove later what Vigil said and when.
 */
export const DIGEST_CREATED = 'digest.created';
export const DigestCreatedPayload = z.object({
  hash: Sha256Hex,
  format: z.enum(['md', 'html', 'pdf', 'json']),
  outputSha256: Sha256Hex,
  since: z.string(),
  until: z.string(),
  place: z.string().optional(),
  people: z.enum(['watchlist', 'all']),
  lang: z.enum(['en', 'ar']),
  query: z.string(),
  /** Identity hashes of every post quoted. */
  messageIds: z.array(Sha256Hex),
  messages: z.number().int().nonnegative(),
  accounts: z.number().int().nonnegative(),
});
export type DigestCreatedPayload = z.infer<typeof DigestCreatedPayload>;

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

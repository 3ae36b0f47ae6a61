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

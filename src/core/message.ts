import { z } from 'zod';

/** ISO 8601 timestamp that keeps the offset it was written with, e.g. 2016-12-13T14:02:00+02:00. */
export const OffsetDateTime = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    {
      message: 'expected an ISO 8601 date-time with an offset (e.g. 2016-12-13T14:02:00+02:00)',
    },
  );

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

export const Author = z.object({
  /** Stable platform account id (numeric id, phone hash, DID...). Falls back to the handle. */
  id: z.string().min(1),
  handle: z.string().optional(),
  displayName: z.string().optional(),
});
export type Author = z.infer<typeof Author>;

export const Media = z.object({
  /** SHA-256 of the media bytes when Vigil holds them in the blob store. */
  sha256: Sha256Hex.optional(),
  mime: z.string().optional(),
  bytes: z.number().int().nonnegative().optional(),
  originalName: z.string().optional(),
  url: z.string().optional(),
  /** Set by a person or a detector: the media shows graphic harm and must be blurred. */
  graphic: z.boolean().optional(),
});
export type Media = z.infer<typeof Media>;

export const MessageRef = z.object({
  nativeId: z.string(),
  authorId: z.string().optional(),
  url: z.string().optional(),
});
export type MessageRef = z.infer<typeof MessageRef>;

export const Provenance = z.object({
  /** Kind of source: jsonl, csv, twitter-archive, telegram-export, ingest, ... */
  source: z.string(),
  /** SHA-256 of the original bytes in the blob store (the export file, the API response, the stdin chunk). */
  blob: Sha256Hex,
  /** Where inside that blob: `path/inside/archive.json#line=12` or `#offset=3456`. */
  locator: z.string(),
  importer: z.object({ name: z.string(), version: z.string() }),
});
export type Provenance = z.infer<typeof Provenance>;

export const Message = z.object({
  platform: z.string().min(1),
  nativeId: z.string().min(1),
  url: z.string().optional(),
  author: Author,
  postedAt: OffsetDateTime,
  capturedAt: z.string(),
  text: z.string(),
  lang: z.string().optional(),
  media: z.array(Media).default([]),
  replyTo: MessageRef.optional(),
  repostOf: MessageRef.optional(),
  /** The author deleted it (e.g. Twitter deleted-tweets.js): hidden from working views and public exports. */
  deleted: z.boolean().optional(),
  provenance: Provenance,
});
export type Message = z.infer<typeof Message>;
export type MessageInput = z.input<typeof Message>;

/** Platform names Vigil knows; others are accepted as lowercase words. */
export const KNOWN_PLATFORMS = [
  'twitter',
  'telegram',
  'whatsapp',
  'mastodon',
  'bluesky',
  'signal',
  'rss',
  'facebook',
  'youtube',
  'periscope',
  'manual',
] as const;

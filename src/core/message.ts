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

/** A place the author shared (a WhatsApp location, a geotagged post): the link as written and its coordinates. */
export const Geo = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** The map link as it appeared in the message. */
  url: z.string().optional(),
  /** A place name when the source gives one (a live location's label, a venue). */
  name: z.string().optional(),
});
export type Geo = z.infer<typeof Geo>;

/**
 * What kind of post it is when it is not plain text: a photo or file (with or without the bytes),
 * a shared location, a contact card, a call record, a poll, or the placeholder of a deleted message.
 */
export const MESSAGE_KINDS = ['text', 'media', 'location', 'contact', 'call', 'poll', 'deleted'] as const;
export const MessageKind = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof MessageKind>;

export const Poll = z.object({
  options: z.array(z.object({ title: z.string(), votes: z.number().int().nonnegative().optional() })),
  votersCount: z.number().int().nonnegative().optional(),
  multiple: z.boolean().optional(),
  endsAt: z.string().optional(),
});
export type Poll = z.infer<typeof Poll>;

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
  /** Absent for plain text. */
  kind: MessageKind.optional(),
  geo: Geo.optional(),
  poll: Poll.optional(),
  replyTo: MessageRef.optional(),
  repostOf: MessageRef.optional(),
  /** The author deleted it (e.g. Twitter deleted-tweets.js): hidden from working views and public exports. */
  deleted: z.boolean().optional(),
  provenance: Provenance,
});
export type Message = z.infer<typeof Message>;
export type MessageInput = z.input<typeof Message>;

/**
 * A recognized system notice from an export (WhatsApp's encryption notice, "X added Y", a subject
 * change): not a post, but kept, counted and traceable to its line like one.
 */
export const SOURCE_EVENT = 'source.event';
export const SourceEvent = z.object({
  platform: z.string().min(1),
  /** Stable within its source (like a message's nativeId), so a re-import adds nothing. */
  nativeId: z.string().min(1),
  /** encryption, security-code, created, added, removed, left, joined, subject, icon, description, disappearing, settings, notice */
  kind: z.string().min(1),
  postedAt: OffsetDateTime.optional(),
  /** Who the line is attributed to, when it names anyone (iOS writes the group's name). */
  actor: z.string().optional(),
  /** The line as written, marks included. */
  text: z.string(),
  lang: z.string().optional(),
  provenance: Provenance,
});
export type SourceEvent = z.infer<typeof SourceEvent>;
export type SourceEventInput = z.input<typeof SourceEvent>;

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

import { z } from 'zod';
import { sha256Hex } from './hash.ts';
import { Sha256Hex } from './message.ts';

/** What a capture fetches: a media file, a page a message links to, or the post's own page. */
export const CaptureKind = z.enum(['media', 'link', 'page']);
export type CaptureKind = z.infer<typeof CaptureKind>;

/** The capture stage decided these URLs of a message are to be fetched as evidence. */
export const CAPTURE_REQUESTED = 'capture.requested';
export const CaptureRequestedPayload = z.object({
  messageId: Sha256Hex,
  requests: z.array(z.object({ url: z.string().min(1), kind: CaptureKind })).min(1),
});
export type CaptureRequestedPayload = z.infer<typeof CaptureRequestedPayload>;

/** One capture job: one URL for one message. */
export function captureJobId(messageId: string, url: string): string {
  return sha256Hex(`${messageId}\n${url}`);
}

const Blob = z.object({ sha256: Sha256Hex, bytes: z.number().int().nonnegative() });

/** One HTTP answer kept (every redirect hop and the final answer). */
export const CapturedResource = z.object({
  url: z.string(),
  status: z.number().int(),
  mime: z.string().optional(),
  fetchedAt: z.string(),
  /** The body as received, in the blob store. */
  body: Blob,
});
export type CapturedResource = z.infer<typeof CapturedResource>;

export const MediaInfo = z.object({
  durationSeconds: z.number().optional(),
  /** codec_type:codec_name of each stream, e.g. video:h264. */
  streams: z.array(z.string()),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  thumbnails: z.array(Blob),
  /** yt-dlp (platform video pages) or direct (the URL was the media file). */
  via: z.enum(['yt-dlp', 'direct']),
  /** via yt-dlp: the downloaded file, yt-dlp's info JSON, its extractor and the media URL it chose. */
  file: Blob.optional(),
  infoJson: Blob.optional(),
  extractor: z.string().optional(),
  mediaUrl: z.string().optional(),
  /** via yt-dlp: TLS tunnels it opened through the guard proxy (host:port; their bytes are not in the WARC). */
  tunnels: z.array(z.string()).optional(),
});
export type MediaInfo = z.infer<typeof MediaInfo>;

export const ImageInfo = z.object({
  width: z.number().int(),
  height: z.number().int(),
  format: z.string(),
  /** 64-bit DCT perceptual hash, 16 hex digits. */
  phash: z.string(),
  /** A small JPEG without metadata: what the dashboard shows. */
  thumbnail: Blob,
  /** EXIF fields read from the original (which keeps them); never shown as-is. */
  exif: z.record(z.string(), z.string()).optional(),
});
export type ImageInfo = z.infer<typeof ImageInfo>;

export const PageInfo = z.object({
  /** Full-page PNG from headless Chromium. */
  screenshot: Blob,
  /** The DOM after scripts ran, serialized. */
  renderedHtml: Blob,
  title: z.string(),
  /** Visible text, for search (also stored as a blob). */
  text: z.string(),
  textBlob: Blob,
  /** Subresources the page asked for that the fetch guard refused or that failed. */
  blocked: z.array(z.string()).default([]),
});
export type PageInfo = z.infer<typeof PageInfo>;

/** A URL was fetched and kept: the answers, a WARC of them, a WACZ to replay, and what was derived. */
export const CAPTURE_COMPLETED = 'capture.completed';
export const CaptureCompletedPayload = z.object({
  jobId: Sha256Hex,
  messageId: Sha256Hex,
  kind: CaptureKind,
  url: z.string(),
  finalUrl: z.string(),
  status: z.number().int(),
  /** Final answer's headers (lowercase names, cookies dropped). */
  headers: z.record(z.string(), z.string()),
  startedAt: z.string(),
  completedAt: z.string(),
  attempts: z.number().int().positive(),
  resources: z.array(CapturedResource),
  warc: Blob,
  wacz: Blob,
  page: PageInfo.optional(),
  media: MediaInfo.optional(),
  image: ImageInfo.optional(),
  /** Name -> version of every tool that touched the capture (vigil, warcio, js-wacz, chromium, ffmpeg, ...). */
  tools: z.record(z.string(), z.string()),
  /** Parts that could not be made (a screenshot when Chromium is absent, ...), with why. */
  skipped: z.array(z.string()).default([]),
});
export type CaptureCompletedPayload = z.infer<typeof CaptureCompletedPayload>;

/** A URL could not be captured: refused by the fetch guard, too large, or failing after every retry. */
export const CAPTURE_FAILED = 'capture.failed';
export const CaptureFailedPayload = z.object({
  jobId: Sha256Hex,
  messageId: Sha256Hex,
  kind: CaptureKind,
  url: z.string(),
  error: z.string(),
  /** FetchRefusedError, FetchTooLargeError, ... */
  errorKind: z.string(),
  attempts: z.number().int().positive(),
  at: z.string(),
  tools: z.record(z.string(), z.string()),
});
export type CaptureFailedPayload = z.infer<typeof CaptureFailedPayload>;

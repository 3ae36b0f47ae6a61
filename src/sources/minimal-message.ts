import { z } from 'zod';
import { OffsetDateTime } from '../core/message.ts';
import type { RawMessage } from './source.ts';

/**
 * The minimal JSONL shape other programs write, one object per line:
 * {"platform","id","author","postedAt","text"} and optionally "url", "lang", "media".
 * `author` is a handle string or {id, handle, displayName}; `media` holds URLs or {url, mime, sha256, originalName}.
 */
export const MinimalMessage = z.object({
  platform: z
    .string()
    .min(1)
    .transform((s) => s.toLowerCase()),
  id: z.union([z.string().min(1), z.number().transform(String)]),
  author: z.union([
    z
      .string()
      .min(1)
      .transform((s) => ({ id: s.replace(/^@/, ''), handle: s.replace(/^@/, '') })),
    z.object({
      id: z.union([z.string().min(1), z.number().transform(String)]),
      handle: z.string().optional(),
      displayName: z.string().optional(),
    }),
  ]),
  postedAt: OffsetDateTime,
  text: z.string(),
  url: z.string().optional(),
  lang: z.string().optional(),
  media: z
    .array(
      z.union([
        z.string().transform((url) => ({ url })),
        z.object({
          url: z.string().optional(),
          mime: z.string().optional(),
          sha256: z
            .string()
            .regex(/^[0-9a-f]{64}$/)
            .optional(),
          originalName: z.string().optional(),
          bytes: z.number().int().nonnegative().optional(),
          graphic: z.boolean().optional(),
        }),
      ]),
    )
    .optional(),
  replyTo: z.string().optional(),
  repostOf: z.string().optional(),
});
export type MinimalMessage = z.input<typeof MinimalMessage>;

/** Parse one minimal-shape object; returns the RawMessage or a readable reason. */
export function parseMinimal(value: unknown): { ok: true; message: RawMessage } | { ok: false; reason: string } {
  const r = MinimalMessage.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, reason: `${i.path.join('.') || 'message'}: ${i.message}` };
  }
  const v = r.data;
  return {
    ok: true,
    message: {
      platform: v.platform,
      nativeId: v.id,
      url: v.url,
      author: v.author,
      postedAt: v.postedAt,
      text: v.text,
      lang: v.lang,
      media: v.media ?? [],
      replyTo: v.replyTo ? { nativeId: v.replyTo } : undefined,
      repostOf: v.repostOf ? { nativeId: v.repostOf } : undefined,
    },
  };
}

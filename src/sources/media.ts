import { sha256Hex } from '../core/hash.ts';
import type { Media } from '../core/message.ts';
import type { Archive, ArchiveEntry } from './archive/archive.ts';
import type { SourceItem } from './source.ts';

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  '3gp': 'video/3gpp',
  opus: 'audio/ogg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  wav: 'audio/wav',
  pdf: 'application/pdf',
  txt: 'text/plain',
  vcf: 'text/vcard',
  tgs: 'application/x-tgsticker',
};

export function mimeFromName(name: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext ? MIME[ext] : undefined;
}

export const MAX_MEDIA_BYTES = 512 * 1024 * 1024;

/**
 * Reads a media member once per import and returns the Media entry for the message plus the
 * `media` item that hands its bytes to the pipeline (first time only). A member too large or
 * unreadable still yields a Media entry with its name, and a warning.
 */
export class MediaLoader {
  private readonly done = new Map<string, Media>();
  constructor(
    private readonly archive: Archive,
    private readonly maxBytes = MAX_MEDIA_BYTES,
  ) {}

  async load(entry: ArchiveEntry, mime?: string): Promise<{ media: Media; items: SourceItem[] }> {
    const cached = this.done.get(entry.path);
    if (cached) return { media: cached, items: [] };
    const type = mime ?? mimeFromName(entry.name);
    if (entry.size > this.maxBytes) {
      const media: Media = { originalName: entry.name, bytes: entry.size, ...(type ? { mime: type } : {}) };
      this.done.set(entry.path, media);
      return {
        media,
        items: [
          {
            kind: 'warning',
            origin: entry.path,
            message: `media file is ${entry.size} bytes, above ${this.maxBytes}; referenced but not stored`,
          },
        ],
      };
    }
    try {
      const bytes = await this.archive.readBytes(entry, this.maxBytes);
      const media: Media = {
        sha256: sha256Hex(bytes),
        bytes: bytes.length,
        originalName: entry.name,
        ...(type ? { mime: type } : {}),
      };
      this.done.set(entry.path, media);
      return { media, items: [{ kind: 'media', origin: entry.path, bytes, ...(type ? { mime: type } : {}) }] };
    } catch (err) {
      const media: Media = { originalName: entry.name, ...(type ? { mime: type } : {}) };
      this.done.set(entry.path, media);
      return {
        media,
        items: [{ kind: 'warning', origin: entry.path, message: `media file unreadable: ${(err as Error).message}` }],
      };
    }
  }
}

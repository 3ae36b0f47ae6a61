import exifReader from 'exif-reader';
import sharp from 'sharp';
import phashModule from 'sharp-phash';
import type { ImageInfo } from '../../core/capture-events.ts';
import { type Enricher, mimeOf } from './capture-url.ts';
import { packageVersion } from './tool-versions.ts';

// sharp-phash is CommonJS (module.exports = fn) while its types declare a default export
const phash = ((phashModule as { default?: unknown }).default ?? phashModule) as unknown as (
  image: Buffer,
) => Promise<string>;

/** 64 bits of '0'/'1' (sharp-phash) -> 16 hex digits. */
export function bitsToHex(bits: string): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 4) out += Number.parseInt(bits.slice(i, i + 4), 2).toString(16);
  return out;
}

/** Hamming distance between two 16-hex-digit perceptual hashes. */
export function phashDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    let x = Number.parseInt(a[i], 16) ^ Number.parseInt(b[i], 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}

/** EXIF as flat `Group.Tag: value` strings; binary and very long values left out. */
function flatExif(raw: Buffer | undefined): Record<string, string> | undefined {
  if (!raw) return undefined;
  try {
    const tags = exifReader(raw) as unknown as Record<string, Record<string, unknown> | boolean>;
    const out: Record<string, string> = {};
    for (const [group, fields] of Object.entries(tags)) {
      if (typeof fields !== 'object' || fields === null) continue;
      for (const [k, v] of Object.entries(fields)) {
        if (Buffer.isBuffer(v)) continue;
        const s = v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(',') : String(v);
        if (s.length <= 200) out[`${group}.${k}`] = s;
      }
    }
    return Object.keys(out).length ? out : undefined;
  } catch {
    return undefined;
  }
}

/** Read an image: size, format, EXIF (kept in the event; the original keeps its bytes), a pHash, and a
 * 320 px JPEG thumbnail with no metadata, which is all the dashboard shows. */
export async function describeImage(bytes: Uint8Array): Promise<Omit<ImageInfo, 'thumbnail'> & { thumb: Buffer }> {
  const img = sharp(bytes, { failOn: 'error' });
  const meta = await img.metadata();
  const thumb = await sharp(bytes)
    .rotate()
    .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
  const exif = flatExif(meta.exif);
  return {
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    format: meta.format ?? 'unknown',
    phash: bitsToHex(await phash(Buffer.from(bytes))),
    ...(exif ? { exif } : {}),
    thumb,
  };
}

export const imageEnricher: Enricher = {
  name: 'image',
  applies: (final) => (mimeOf(final) ?? '').startsWith('image/') && final.response.status < 400,
  async run(ctx) {
    ctx.tools.sharp = packageVersion('sharp');
    ctx.tools['sharp-phash'] = packageVersion('sharp-phash');
    const { thumb, ...info } = await describeImage(ctx.final.response.body);
    return { image: { ...info, thumbnail: await ctx.keep(thumb, 'image/jpeg', 'thumbnail.jpg') } };
  },
};

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaInfo } from '../../core/capture-events.ts';
import { type Enricher, mimeOf } from './capture-url.ts';

function run(bin: string, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin} failed: ${(stderr || err.message).trim().split('\n').pop()}`));
      else resolve(stdout);
    });
  });
}

interface Probe {
  format?: { duration?: string };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[];
}

/**
 * ffprobe (duration, streams) and up to three keyframe thumbnails from ffmpeg, of a video or audio
 * file already in hand. Works on a temporary copy that is removed afterwards.
 */
export async function probeMedia(
  bytes: Uint8Array,
  ffmpeg = 'ffmpeg',
  ffprobe = 'ffprobe',
): Promise<Omit<MediaInfo, 'thumbnails' | 'via'> & { thumbs: Buffer[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-media-'));
  try {
    const file = join(dir, 'media');
    await writeFile(file, bytes);
    const p = JSON.parse(
      await run(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]),
    ) as Probe;
    const streams = (p.streams ?? []).map((s) => `${s.codec_type ?? '?'}:${s.codec_name ?? '?'}`);
    const video = (p.streams ?? []).find((s) => s.codec_type === 'video');
    const thumbs: Buffer[] = [];
    if (video) {
      await run(ffmpeg, [
        '-v',
        'error',
        '-skip_frame',
        'nokey',
        '-i',
        file,
        '-vf',
        'scale=320:-2',
        '-fps_mode',
        'vfr',
        '-frames:v',
        '3',
        '-q:v',
        '4',
        join(dir, 'thumb-%02d.jpg'),
      ]);
      for (const f of (await readdir(dir)).filter((n) => n.startsWith('thumb-')).sort())
        thumbs.push(await readFile(join(dir, f)));
    }
    const duration = Number(p.format?.duration);
    return {
      ...(Number.isFinite(duration) ? { durationSeconds: duration } : {}),
      streams,
      ...(video?.width ? { width: video.width } : {}),
      ...(video?.height ? { height: video.height } : {}),
      thumbs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A direct video or audio URL: probed and thumbnailed with Debian's ffmpeg, found at run time. */
export function mediaEnricher(tools: { ffmpeg: string; ffprobe: string }): Enricher {
  return {
    name: 'media',
    applies: (final) => /^(video|audio)\//.test(mimeOf(final) ?? '') && final.response.status < 400,
    async run(ctx) {
      const info = await probeMedia(ctx.final.response.body, tools.ffmpeg, tools.ffprobe);
      const thumbnails = [];
      for (const [i, t] of info.thumbs.entries())
        thumbnails.push(await ctx.keep(t, 'image/jpeg', `keyframe-${i + 1}.jpg`));
      const { thumbs: _, ...rest } = info;
      return { media: { ...rest, thumbnails, via: 'direct' as const } };
    },
  };
}

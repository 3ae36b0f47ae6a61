import type { MediaInfo } from '../../core/capture-events.ts';
import type { AllowList } from '../../core/net/address-policy.ts';
import { type Enricher, mimeOf } from './capture-url.ts';
import type { Exchange } from './fetch-chain.ts';
import { probeMedia } from './media-probe.ts';
import { ytDlpDownload } from './yt-dlp.ts';

/** Hosts whose post pages carry a video that only an extractor can get at. */
const VIDEO_HOSTS =
  /(^|\.)(youtube\.com|youtu\.be|vimeo\.com|twitter\.com|x\.com|tiktok\.com|facebook\.com|fb\.watch|instagram\.com|t\.me|dailymotion\.com|rumble\.com|odysee\.com|bitchute\.com|streamable\.com|reddit\.com|v\.redd\.it|twitch\.tv)$/i;

/** A page worth handing to yt-dlp: a known video platform, or HTML that embeds a video. */
export function looksLikeVideoPage(x: Exchange): boolean {
  if (VIDEO_HOSTS.test(new URL(x.url).hostname)) return true;
  const head = x.response.body.subarray(0, 512 * 1024).toString('latin1');
  return /<video[\s>]|property=["']og:video/i.test(head);
}

export interface VideoPageOptions {
  bin: string;
  version: string;
  allow: AllowList;
  userAgent: string;
  maxBytes: number;
  timeoutMs: number;
  /** ffprobe/ffmpeg for duration, codecs and keyframes, when installed. */
  ffmpeg?: { ffmpeg: string; ffprobe: string };
}

/**
 * A platform's video page: yt-dlp (Debian's, found at run time) downloads the video through a guard
 * proxy of its own run; the file and yt-dlp's info JSON go to the blob store, the plain-HTTP traffic
 * into the capture's WARC, and the file is probed and thumbnailed like a direct video.
 */
export function videoPageEnricher(o: VideoPageOptions): Enricher {
  return {
    name: 'yt-dlp',
    applies: (final, job) =>
      job.kind !== 'media' &&
      final.response.status < 400 &&
      (mimeOf(final) ?? '') === 'text/html' &&
      looksLikeVideoPage(final),
    async run(ctx) {
      ctx.tools['yt-dlp'] = o.version;
      const got = await ytDlpDownload(ctx.final.url, {
        bin: o.bin,
        allow: o.allow,
        userAgent: o.userAgent,
        maxBytes: o.maxBytes,
        timeoutMs: o.timeoutMs,
        signal: ctx.signal,
      });
      for (const x of got.exchanges)
        ctx.exchange({
          url: x.url,
          requestHeaders: x.requestHeaders,
          response: {
            url: x.url,
            status: x.status,
            statusText: x.statusText,
            headers: x.headers,
            body: x.body,
            fetchedAt: x.fetchedAt,
            httpVersion: x.httpVersion,
            rawHeaders: x.rawHeaders,
          },
        });
      const at = new Date().toISOString();
      const mime = got.info.ext ? `video/${got.info.ext}` : 'application/octet-stream';
      const file = await ctx.keep(got.file, mime, got.fileName);
      const infoJson = await ctx.keep(got.infoJson, 'application/json', 'yt-dlp.info.json');
      ctx.record({ uri: `urn:yt-dlp:info:${ctx.final.url}`, mime: 'application/json', at, bytes: got.infoJson });
      // the file itself is in the WARC already when it came over plain HTTP
      if (!got.exchanges.some((x) => x.body.length === got.file.length && x.body.equals(got.file)))
        ctx.record({ uri: `urn:yt-dlp:media:${ctx.final.url}`, mime, at, bytes: got.file });
      let probed: Omit<MediaInfo, 'thumbnails' | 'via'> = { streams: [] };
      const thumbnails = [];
      if (o.ffmpeg) {
        const { thumbs, ...info } = await probeMedia(got.file, o.ffmpeg.ffmpeg, o.ffmpeg.ffprobe);
        probed = info;
        for (const [i, t] of thumbs.entries())
          thumbnails.push(await ctx.keep(t, 'image/jpeg', `keyframe-${i + 1}.jpg`));
      }
      return {
        media: {
          ...probed,
          thumbnails,
          via: 'yt-dlp' as const,
          file,
          infoJson,
          ...(got.info.extractor ? { extractor: got.info.extractor } : {}),
          ...(got.info.url ? { mediaUrl: got.info.url } : {}),
          tunnels: got.tunnels,
        },
      };
    },
  };
}

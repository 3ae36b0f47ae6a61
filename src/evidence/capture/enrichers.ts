import { accessSync, constants } from 'node:fs';
import type { Browser } from 'playwright-core';
import { DEFAULT_USER_AGENT, PoliteFetcher, politeOptionsFromEnv } from '../../core/net/polite-fetcher.ts';
import type { Enricher } from './capture-url.ts';
import { imageEnricher } from './image-info.ts';
import { mediaEnricher } from './media-probe.ts';
import { CAPTURE_CHROMIUM_FLAGS, pageRenderer } from './page-render.ts';
import { programVersion } from './tool-versions.ts';
import { videoPageEnricher } from './video-page.ts';

export interface EnricherSet {
  list: Enricher[];
  /** What this machine can and cannot do, one line each, for the operator. */
  notes: string[];
  close(): Promise<void>;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The enrichers this machine can run, found at run time: a missing tool narrows what is kept (the
 * fetched bytes, WARC and WACZ are always kept) and is said once in `notes`. Chromium is launched on
 * the first page and reused; each page gets a fresh browser context (no cookies or storage carried over).
 */
export async function defaultEnrichers(o: { screenshots: boolean; env?: NodeJS.ProcessEnv }): Promise<EnricherSet> {
  const env = o.env ?? process.env;
  const list: Enricher[] = [imageEnricher];
  const notes: string[] = [];
  const ffmpeg = env.VIGIL_FFMPEG ?? 'ffmpeg';
  const ffprobe = env.VIGIL_FFPROBE ?? 'ffprobe';
  const hasFfmpeg = Boolean(
    (await programVersion(ffprobe, ['-version'])) && (await programVersion(ffmpeg, ['-version'])),
  );
  if (hasFfmpeg) list.push(mediaEnricher({ ffmpeg, ffprobe }));
  else notes.push('ffmpeg/ffprobe not found: videos are kept as fetched, without duration, codecs or thumbnails');

  let browser: Promise<Browser> | undefined;
  const chromium = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (o.screenshots && executable(chromium)) {
    const fetcher = new PoliteFetcher({
      ...politeOptionsFromEnv(env),
      minIntervalMs: 0,
      retries: 0,
      timeoutMs: 30_000,
      maxBytes: 20 * 1024 * 1024,
    });
    const launch = async () => {
      const { chromium: pw } = await import('playwright-core');
      // playwright gives every launch its own fresh temporary --user-data-dir
      return pw.launch({ executablePath: chromium, args: CAPTURE_CHROMIUM_FLAGS, headless: true });
    };
    list.push(
      pageRenderer({
        fetcher,
        browser: () => {
          browser ??= launch();
          return browser;
        },
      }),
    );
  } else if (o.screenshots) notes.push(`no Chromium at ${chromium}: pages are kept as fetched, without screenshots`);

  const ytDlp = env.VIGIL_YT_DLP ?? 'yt-dlp';
  const ytDlpVersion = await programVersion(ytDlp, ['--version']);
  if (ytDlpVersion) {
    const polite = politeOptionsFromEnv(env);
    list.push(
      videoPageEnricher({
        bin: ytDlp,
        version: ytDlpVersion,
        allow: polite.allow ?? [],
        userAgent: polite.userAgent ?? DEFAULT_USER_AGENT,
        maxBytes: Number(env.VIGIL_CAPTURE_MAX_BYTES || 200 * 1024 * 1024),
        timeoutMs: Number(env.VIGIL_CAPTURE_TIMEOUT_MS || 120_000),
        ...(hasFfmpeg ? { ffmpeg: { ffmpeg, ffprobe } } : {}),
      }),
    );
  } else
    notes.push(
      'yt-dlp not found: a platform video page is kept as a page (HTML, screenshot), not as its video; direct media URLs are kept as before',
    );
  return {
    list,
    notes,
    async close() {
      if (browser) await (await browser.catch(() => undefined))?.close();
    },
  };
}

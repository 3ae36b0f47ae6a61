import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AllowList } from '../../core/net/address-policy.ts';
import { GuardProxy, type ProxiedExchange } from '../../core/net/guard-proxy.ts';

export interface YtDlpOptions {
  /** The program (default `yt-dlp`, Debian's). */
  bin?: string;
  allow: AllowList;
  userAgent: string;
  /** Largest media file (yt-dlp's --max-filesize) and the proxy's byte cap (default 200 MiB). */
  maxBytes?: number;
  /** The whole run; the program is killed after it (default 120 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface YtDlpResult {
  /** The downloaded media file. */
  file: Buffer;
  fileName: string;
  /** yt-dlp's info JSON about it (extractor, id, title, formats, the media URL it chose, ...). */
  infoJson: Buffer;
  info: { extractor?: string; id?: string; title?: string; url?: string; ext?: string };
  /** What went through the proxy: plain-HTTP exchanges kept whole, TLS tunnels by host. */
  exchanges: ProxiedExchange[];
  tunnels: string[];
}

/** yt-dlp failed; `refused` lists what the guard proxy refused during the run (often the reason). */
export class YtDlpError extends Error {
  constructor(
    message: string,
    readonly refused: { target: string; reason: string }[],
  ) {
    super(message);
  }
}

/**
 * Download the video of a platform's page with yt-dlp, without letting it around the fetch guard: its
 * only way out is `--proxy` to a GuardProxy of this run, which checks every target address with the
 * guard's rules. No config files, no cache, no cookies; size and time capped; the info JSON kept.
 * Proxy environment variables (and NO_PROXY) are replaced, so nothing bypasses the proxy.
 */
export async function ytDlpDownload(url: string, o: YtDlpOptions): Promise<YtDlpResult> {
  const maxBytes = o.maxBytes ?? 200 * 1024 * 1024;
  const timeoutMs = o.timeoutMs ?? 120_000;
  const proxy = await GuardProxy.start({ allow: o.allow, maxBytes: maxBytes + 8 * 1024 * 1024 });
  const dir = await mkdtemp(join(tmpdir(), 'vigil-ytdlp-'));
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      LANG: 'C.UTF-8',
      http_proxy: proxy.url,
      https_proxy: proxy.url,
      HTTP_PROXY: proxy.url,
      HTTPS_PROXY: proxy.url,
      ALL_PROXY: proxy.url,
    };
    const args = [
      '--ignore-config',
      '--no-cache-dir',
      '--no-cookies',
      '--proxy',
      proxy.url,
      '--user-agent',
      o.userAgent,
      '--no-playlist',
      '--max-filesize',
      String(maxBytes),
      '--socket-timeout',
      '30',
      // HLS and DASH through yt-dlp's own downloader, which uses the proxy (not an external program)
      '--downloader',
      'native',
      '--format',
      'best',
      '--no-part',
      '--no-mtime',
      '--no-progress',
      '--write-info-json',
      '--paths',
      dir,
      '--output',
      'media.%(ext)s',
      '--',
      url,
    ];
    const run = new Promise<void>((resolve, reject) => {
      execFile(
        o.bin ?? 'yt-dlp',
        args,
        { env, timeout: timeoutMs, killSignal: 'SIGKILL', signal: o.signal, maxBuffer: 4 * 1024 * 1024 },
        (err, _stdout, stderr) => {
          if (!err) return resolve();
          const last = (stderr || err.message).trim().split('\n').filter(Boolean).pop() ?? err.message;
          const refused = proxy.refused[0];
          const why = refused
            ? `the fetch guard refused ${refused.target}: ${refused.reason}`
            : last.replace(/; please report this issue.*$/, '');
          reject(new YtDlpError(`yt-dlp: ${why}`, proxy.refused));
        },
      );
    });
    await run;
    const names = await readdir(dir);
    const infoName = names.find((n) => n.endsWith('.info.json'));
    const fileName = names.find((n) => n.startsWith('media.') && !n.endsWith('.json'));
    if (!infoName || !fileName) throw new YtDlpError(`yt-dlp wrote no media file (${names.join(', ')})`, proxy.refused);
    if (proxy.overCap) throw new YtDlpError(`more than ${maxBytes} bytes went through the proxy`, proxy.refused);
    const infoJson = await readFile(join(dir, infoName));
    const info = JSON.parse(infoJson.toString('utf8')) as YtDlpResult['info'];
    return {
      file: await readFile(join(dir, fileName)),
      fileName,
      infoJson,
      info: { extractor: info.extractor, id: info.id, title: info.title, url: info.url, ext: info.ext },
      exchanges: proxy.exchanges,
      tunnels: proxy.tunnels,
    };
  } finally {
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
  }
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalServer, localServer } from './local-server.ts';

/** A 4x4 red PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWM4w8AARwgWXg4AWIMMwVLWc8oAAAAASUVORK5CYII=',
  'base64',
);

/** A one-second 64x48 MP4 (H.264) made with Debian's ffmpeg, or undefined when ffmpeg is missing. */
export function makeMp4(dir: string): Buffer | undefined {
  const out = join(dir, 'clip.mp4');
  try {
    execFileSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10', '-t', '1', '-pix_fmt', 'yuv420p', '-y', out],
      { stdio: 'ignore' },
    );
    return readFileSync(out);
  } catch {
    return undefined;
  }
}

export interface CaptureSite extends LocalServer {
  /** Hold /slow this long before answering. */
  slowMs: number;
}

/**
 * The web a capture test needs, on 127.0.0.1: a page with an image and a script, an image, a video,
 * a short link that redirects twice, a redirect to another loopback address (127.0.0.2, outside an
 * allowance of 127.0.0.1/32), a 404, a slow answer and a huge one.
 */
export async function captureSite(opts: { mp4?: Buffer; image?: Buffer } = {}): Promise<CaptureSite> {
  let site: CaptureSite;
  const server = await localServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const port = new URL(site.url).port;
    switch (path) {
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'track=1' });
        res.end(
          '<!doctype html><html><head><title>Shelter list</title></head><body style="margin:0">' +
            '<h1 style="background:#c00;color:#fff;height:200px">Aleppo shelters</h1>' +
            '<p id="p">Static text.</p><img src="/img.png" width="40" height="40">' +
            '<img src="http://127.0.0.2:' +
            port +
            '/img.png">' +
            '<script>document.getElementById("p").textContent = "Written by a script.";</script>' +
            '<div style="height:1500px;background:linear-gradient(#fff,#00c)"></div></body></html>',
        );
        return;
      case '/img.png':
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(opts.image ?? PNG);
        return;
      case '/clip.mp4':
        if (!opts.mp4) break;
        res.writeHead(200, { 'content-type': 'video/mp4' });
        res.end(opts.mp4);
        return;
      case '/t/abc':
        res.writeHead(301, { location: '/bit/xyz' });
        res.end();
        return;
      case '/bit/xyz':
        res.writeHead(302, { location: `${site.url}/page` });
        res.end();
        return;
      case '/to-other-loopback':
        res.writeHead(302, { location: `http://127.0.0.2:${port}/page` });
        res.end();
        return;
      case '/slow':
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('finally');
        }, site.slowMs);
        return;
      case '/huge': {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 1);
        let sent = 0;
        const pump = () => {
          while (sent < 64 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (sent = Number.POSITIVE_INFINITY));
        pump();
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here');
  });
  site = Object.assign(server, { slowMs: 2000 });
  return site;
}

import type { Browser, Route } from 'playwright-core';
import type { PageInfo } from '../../core/capture-events.ts';
import { CHROMIUM_FLAGS } from '../../core/chromium.ts';
import type { FetchedResponse } from '../../core/net/fetch-guard.ts';
import type { PoliteFetcher } from '../../core/net/polite-fetcher.ts';
import type { EnrichContext, Enricher } from './capture-url.ts';
import { mimeOf } from './capture-url.ts';
import type { Exchange } from './fetch-chain.ts';
import { packageVersion } from './tool-versions.ts';

export const CAPTURE_CHROMIUM_FLAGS = [
  ...CHROMIUM_FLAGS,
  // anything that escaped request interception would go to a closed port, not the network
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

export interface PageRenderOptions {
  /** Launches (once, lazily) the browser; playwright-core with Debian's chromium. */
  browser: () => Promise<Browser>;
  /** Fetches the page's subresources: the same fetch guard as every capture. */
  fetcher: PoliteFetcher;
  /** Subresources a page may load (default 150); past that they are refused. */
  maxSubresources?: number;
  /** How long the page may take to load (default 30 s). */
  timeoutMs?: number;
  viewport?: { width: number; height: number };
}

const HTML = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Renders a captured HTML page in headless Chromium and keeps a full-page PNG, the DOM after scripts
 * ran, and its visible text. Chromium never reaches the network itself: every request it makes is
 * intercepted, the main document is answered with the bytes already fetched, and each subresource is
 * fetched through Vigil's fetch guard (address checked after DNS and on redirects, size cap) and then
 * recorded in the capture's WARC; what the guard refuses is aborted. Service workers are blocked so
 * none can answer around the interception, and WebSockets are closed.
 */
export function pageRenderer(o: PageRenderOptions): Enricher {
  return {
    name: 'screenshot',
    applies: (final, job) => job.kind !== 'media' && HTML.has(mimeOf(final) ?? '') && final.response.status < 400,
    async run(ctx) {
      const browser = await o.browser();
      ctx.tools.chromium = browser.version();
      ctx.tools['playwright-core'] = packageVersion('playwright-core');
      const context = await browser.newContext({
        serviceWorkers: 'block',
        userAgent: o.fetcher.options.userAgent,
        viewport: o.viewport ?? { width: 1280, height: 900 },
        acceptDownloads: false,
      });
      try {
        const known = new Map<string, Exchange>(ctx.exchanges.map((x) => [x.url, x]));
        let loaded = 0;
        const refused: string[] = [];
        await context.routeWebSocket(/.*/, (ws) => ws.close());
        await context.route('**/*', (route) => answer(route, ctx, o, known, refused, () => ++loaded));
        const page = await context.newPage();
        await page.goto(ctx.final.url, { waitUntil: 'load', timeout: o.timeoutMs ?? 30_000 });
        await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
        const png = await page.screenshot({ fullPage: true, type: 'png', timeout: o.timeoutMs ?? 30_000 });
        const html = await page.content();
        const title = await page.title();
        const text = ((await page.evaluate('document.body ? document.body.innerText : ""')) as string).trim();
        const at = new Date().toISOString();
        const info: PageInfo = {
          screenshot: await ctx.keep(png, 'image/png', 'screenshot.png'),
          renderedHtml: await ctx.keep(Buffer.from(html), 'text/html', 'rendered.html'),
          title,
          text: text.slice(0, 200_000),
          textBlob: await ctx.keep(Buffer.from(text), 'text/plain', 'text.txt'),
          blocked: [...new Set(refused)],
        };
        ctx.record({ uri: `urn:screenshot:${ctx.final.url}`, mime: 'image/png', at, bytes: png });
        ctx.record({ uri: `urn:dom:${ctx.final.url}`, mime: 'text/html', at, bytes: Buffer.from(html) });
        return { page: info };
      } finally {
        await context.close();
      }
    },
  };
}

async function answer(
  route: Route,
  ctx: EnrichContext,
  o: PageRenderOptions,
  known: Map<string, Exchange>,
  refused: string[],
  count: () => number,
): Promise<void> {
  const req = route.request();
  const url = req.url();
  const have = known.get(url);
  if (have) return fulfill(route, have.response);
  if (req.method() !== 'GET' || count() > (o.maxSubresources ?? 150)) return route.abort('blockedbyclient');
  let res: FetchedResponse;
  try {
    res = await o.fetcher.get(url, { signal: ctx.signal });
  } catch {
    refused.push(url);
    return route.abort('blockedbyclient').catch(() => {});
  }
  const x: Exchange = {
    url: res.url,
    requestHeaders: { accept: '*/*', 'user-agent': o.fetcher.options.userAgent, 'accept-encoding': 'identity' },
    response: res,
  };
  known.set(url, x);
  ctx.exchange(x);
  return fulfill(route, res);
}

function fulfill(route: Route, res: Omit<FetchedResponse, 'requestedUrl'>): Promise<void> {
  const headers = { ...res.headers };
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  delete headers['content-encoding'];
  return route.fulfill({ status: res.status, headers, body: Buffer.from(res.body) }).catch(() => {});
}

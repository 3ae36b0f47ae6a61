import type { FetchedResponse } from '../../core/net/fetch-guard.ts';
import type { PoliteFetcher } from '../../core/net/polite-fetcher.ts';

/** One answer of a chain, redirects included, with the request that got it. */
export interface Exchange {
  url: string;
  /** The request line and headers Vigil sent (the guard adds no others). */
  requestHeaders: Record<string, string>;
  response: Omit<FetchedResponse, 'requestedUrl'>;
}

/**
 * GET a URL through the fetch guard, keeping every redirect answer (t.co, bit.ly, ...) as well as the
 * final one. A retried request can report hops twice, so the chain is rebuilt by following Location
 * from the URL asked for.
 */
export async function fetchChain(fetcher: PoliteFetcher, url: string, signal?: AbortSignal): Promise<Exchange[]> {
  const hops = new Map<string, Omit<FetchedResponse, 'requestedUrl'>>();
  const final = await fetcher.get(url, { signal, onRedirect: (hop) => hops.set(hop.url, hop) });
  const requestHeaders = {
    accept: '*/*',
    'user-agent': fetcher.options.userAgent,
    'accept-encoding': 'identity',
  };
  const chain: Exchange[] = [];
  let at = new URL(url).href;
  for (let i = 0; i < 20 && at !== final.url; i++) {
    const hop = hops.get(at);
    if (!hop?.headers.location) break;
    chain.push({ url: at, requestHeaders, response: hop });
    at = new URL(hop.headers.location, at).href;
  }
  chain.push({ url: final.url, requestHeaders, response: final });
  return chain;
}

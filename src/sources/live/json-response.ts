import { HttpStatusError } from '../../core/net/errors.ts';
import type { FetchedResponse } from '../../core/net/fetch-guard.ts';
import { AuthNeededError, MalformedResponseError, TargetNotFoundError } from './errors.ts';

/** Throws the error a source reports for a status it cannot read items from. */
export function expectOk(res: FetchedResponse, what: string): void {
  if (res.status >= 200 && res.status < 300) return;
  const detail = res.body.toString('utf8').slice(0, 200).replace(/\s+/g, ' ');
  if (res.status === 401 || res.status === 403)
    throw new AuthNeededError(`${what}: HTTP ${res.status} (credentials missing or refused) ${detail}`, res.url);
  if (res.status === 404 || res.status === 410)
    throw new TargetNotFoundError(`${what}: not found (HTTP ${res.status})`, res.url);
  throw new HttpStatusError(res.status, res.url, detail);
}

/** The body as JSON; bad JSON is a MalformedResponseError naming the address and the offset. */
export function parseJsonBody(res: FetchedResponse): unknown {
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch (err) {
    throw new MalformedResponseError(`${res.url}: not JSON: ${(err as Error).message}`, res.url);
  }
}

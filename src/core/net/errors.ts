import { VigilError } from '../errors.ts';

/** Base of every outbound-fetch failure; `url` is the address that failed. */
export class FetchError extends VigilError {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message, url);
  }
}

/** The address is private, loopback, ... or the scheme is not http(s). Never retried. */
export class FetchRefusedError extends FetchError {}

/** The body went past the size cap. */
export class FetchTooLargeError extends FetchError {}

/** No complete answer within the time allowed. */
export class FetchTimeoutError extends FetchError {}

/** DNS failed, the connection was refused or dropped mid-answer. */
export class FetchNetworkError extends FetchError {}

/** A 5xx (or another status the caller cannot use) after the retries. */
export class HttpStatusError extends FetchError {
  constructor(
    readonly status: number,
    url: string,
    detail = '',
  ) {
    super(`HTTP ${status} from ${url}${detail ? `: ${detail}` : ''}`, url);
  }
}

/** 429 (or 503 with Retry-After) that outlasts what a request may wait; try again at `retryAt`. */
export class RateLimitedError extends FetchError {
  constructor(
    url: string,
    readonly retryAt: Date,
  ) {
    super(`rate limited by ${new URL(url).host} until ${retryAt.toISOString()}`, url);
  }
}

import { FetchError } from '../../core/net/errors.ts';

/** 401/403, or a token the source needs is not set: collection cannot go on without a person acting. */
export class AuthNeededError extends FetchError {}

/** The account, channel or feed does not exist (any more) under that name. */
export class TargetNotFoundError extends FetchError {}

/** The answer was not in the shape the platform documents (bad JSON, unexpected HTML). */
export class MalformedResponseError extends FetchError {}

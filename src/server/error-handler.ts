import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { BlobIntegrityError, NotFoundError, UsageError, VigilError } from '../core/errors.ts';
import { UnknownUserError, UserExistsError } from '../store/queries/users.ts';
import { WeakPasswordError } from './auth/accounts.ts';
import { UnauthenticatedError } from './auth/principal.ts';

function statusFor(err: unknown): number {
  if (err instanceof UnauthenticatedError) return 401;
  if (err instanceof UserExistsError || err instanceof BlobIntegrityError) return 409;
  if (err instanceof UnknownUserError || err instanceof NotFoundError) return 404;
  if (err instanceof UsageError || err instanceof WeakPasswordError || err instanceof VigilError) return 400;
  const code = (err as FastifyError).statusCode;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const where = first?.instancePath
      ? `${err.validationContext ?? 'request'}${first.instancePath}`
      : (err.validationContext ?? 'request');
    return reply.code(400).send({ error: 'bad_request', message: `${where}: ${first?.message ?? 'invalid'}` });
  }
  const status = statusFor(err);
  if (status >= 500) {
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error; see the server log' });
  }
  const name =
    status === 401
      ? 'unauthorized'
      : status === 429
        ? 'rate_limited'
        : status === 404
          ? 'not_found'
          : status === 409
            ? 'conflict'
            : 'bad_request';
  return reply.code(status).send({ error: name, message: err.message });
}

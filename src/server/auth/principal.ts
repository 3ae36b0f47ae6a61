import type { FastifyRequest } from 'fastify';
import { VigilError } from '../../core/errors.ts';
import type { Principal } from '../../store/queries/auth.ts';
import type { Access } from './roles.ts';

export interface RequestPrincipal extends Principal {
  via: 'session' | 'token';
  /** For sessions: the CSRF token mutations must echo in X-CSRF-Token. */
  csrf?: string;
  sessionHash?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: RequestPrincipal;
  }
  interface FastifyContextConfig {
    /** Who may call the route. Every route declares it; the server refuses to start otherwise. */
    access?: Access;
  }
}

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_HEADER = 'x-csrf-token';

/** A handler that needs a user reached without one: the gate should make this impossible; it answers 401. */
export class UnauthenticatedError extends VigilError {
  readonly statusCode = 401;
}

/** The signed-in user of a request whose route requires one; never undefined at run time. */
export function principalOf(req: FastifyRequest): RequestPrincipal {
  const p = req.principal;
  if (!p) throw new UnauthenticatedError(`no signed-in user for ${req.method} ${req.routeOptions.url ?? req.url}`);
  return p;
}

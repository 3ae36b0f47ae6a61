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
    /** Who may call the route; routes under /api default to any signed-in user. */
    access?: Access;
  }
}

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_HEADER = 'x-csrf-token';

import { z } from 'zod';
import { Role } from './auth/roles.ts';

/** Shared response shapes for the OpenAPI document. */
export const ErrorBody = z.object({ error: z.string(), message: z.string() });

export const Me = z.object({
  username: z.string(),
  role: Role,
  via: z.enum(['session', 'token']),
  csrf: z.string().optional().describe('Send back in X-CSRF-Token on cookie-authenticated mutations'),
});

export const UserBody = z.object({
  username: z.string(),
  role: Role,
  createdAt: z.string(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
});

export const Credentials = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

import { z } from 'zod';

export const Role = z.enum(['admin', 'analyst', 'viewer']);
export type Role = z.infer<typeof Role>;

/** What a route needs: `public` routes skip authentication. */
export type Access = 'public' | Role;

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export function allows(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

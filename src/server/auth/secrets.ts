import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../core/hash.ts';

/** A random secret, URL-safe. Prefixes tell token kinds apart when someone pastes one. */
export function newSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export function secretHash(secret: string): string {
  return sha256Hex(secret);
}

export const TOKEN_PREFIX = 'vgl_';
export const SESSION_PREFIX = 'vgs_';
export const SETUP_PREFIX = 'vgsetup_';

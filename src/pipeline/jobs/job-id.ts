import { sha256Hex } from '../../core/hash.ts';

/**
 * A UUID (v8, RFC 9562's custom layout) from what a job does, so that enqueueing the same follow-up
 * twice, e.g. by an import retried after a kill -9, is one job: pg-boss ignores a second send with an
 * id it already holds.
 */
export function jobIdFor(...parts: string[]): string {
  const h = sha256Hex(parts.join('\n'));
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

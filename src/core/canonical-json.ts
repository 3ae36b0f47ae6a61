import canonicalizeImpl from 'canonicalize';

const canonicalizeFn = canonicalizeImpl as unknown as (value: unknown) => string | undefined;

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialization: sorted keys, no whitespace,
 * ECMAScript number formatting. `undefined` members are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  const out = canonicalizeFn(value);
  if (out === undefined) throw new TypeError('value cannot be represented as canonical JSON');
  return out;
}

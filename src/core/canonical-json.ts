/**
 * RFC 8785 (JSON Canonicalization Scheme) serialization: sorted keys, no whitespace,
 * ECMAScript number formatting. `undefined` members are dropped, as JSON.stringify does.
 * The same output and the same refusals (NaN, Infinity, lone surrogates, cycles) as the `canonicalize`
 * package (test/core/canonical-json.test.ts checks it), written for the import's hot path: strings are
 * checked with isWellFormed() instead of a loop over their characters, and the output is built in place.
 */
// ES2024's String.prototype.isWellFormed (Node 20); the project's TypeScript lib predates it.
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

export function canonicalJson(value: unknown): string {
  const out = write(value, []);
  if (out === undefined) throw new TypeError('value cannot be represented as canonical JSON');
  return out;
}

function write(v: unknown, stack: object[]): string | undefined {
  switch (typeof v) {
    case 'string':
      if (!wellFormed(v)) throw new Error('Lone surrogate is not allowed');
      return JSON.stringify(v);
    case 'number':
      if (Number.isNaN(v)) throw new Error('NaN is not allowed');
      if (!Number.isFinite(v)) throw new Error('Infinity is not allowed');
      return JSON.stringify(v);
    case 'object':
      break;
    default:
      return JSON.stringify(v);
  }
  if (v === null) return 'null';
  if (stack.includes(v)) throw new Error('Circular reference detected');
  const o = v as Record<string, unknown> & { toJSON?: () => unknown };
  stack.push(o);
  try {
    if (typeof o.toJSON === 'function') return write(o.toJSON(), stack);
    if (Array.isArray(o)) {
      let s = '[';
      for (let i = 0; i < o.length; i++) {
        const x = o[i];
        if (i > 0) s += ',';
        s += write(x === undefined || typeof x === 'symbol' ? null : x, stack) ?? '';
      }
      return `${s}]`;
    }
    let s = '{';
    let first = true;
    for (const key of Object.keys(o).sort()) {
      const x = o[key];
      if (x === undefined || typeof x === 'symbol') continue;
      if (!wellFormed(key)) throw new Error('Lone surrogate is not allowed');
      s += `${first ? '' : ','}${JSON.stringify(key)}:${write(x, stack)}`;
      first = false;
    }
    return `${s}}`;
  } finally {
    stack.pop();
  }
}

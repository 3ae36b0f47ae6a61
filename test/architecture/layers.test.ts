import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

// DESIGN.md: cli, server → pipeline → sources, analysis, evidence, watch → store → core.
const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const ABOVE_STORE = ['analysis', 'watch', 'pipeline', 'sources', 'evidence', 'report', 'server', 'cli', 'demo'];
const RULES: { layers: string[]; mustNotImport: string[] }[] = [
  { layers: ['core'], mustNotImport: ['store', ...ABOVE_STORE] },
  { layers: ['store'], mustNotImport: ABOVE_STORE },
  { layers: ['analysis', 'watch', 'sources', 'evidence'], mustNotImport: ['pipeline', 'server', 'cli'] },
  { layers: ['sources'], mustNotImport: ['store'] },
  { layers: ['pipeline'], mustNotImport: ['server', 'cli'] },
  // Digests sit beside the pipeline: they read analysis, watch and the store; cli and server use them.
  { layers: ['report'], mustNotImport: ['pipeline', 'server', 'cli'] },
];

/** Every module specifier in a file: static, type-only, side-effect, re-export and dynamic imports. */
export function importSpecifiers(source: string): string[] {
  const re = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;
  return [...source.matchAll(re)].map((m) => m[1]);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** `file imports specifier` for each import that crosses a rule, as paths relative to the repository. */
function offendingImports(): string[] {
  const out: string[] = [];
  for (const { layers, mustNotImport } of RULES) {
    for (const layer of layers) {
      for (const file of tsFiles(join(SRC, layer))) {
        for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
          if (!spec.startsWith('.')) continue;
          const target = relative(SRC, resolve(dirname(file), spec)).split(/[\\/]/)[0];
          if (mustNotImport.includes(target)) out.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
    }
  }
  return out;
}

describe('layers', () => {
  it('reads every kind of import specifier', () => {
    const source = [
      "import { a } from '../store/a.ts';",
      "import type {\n  B,\n  C,\n} from '../analysis/b.ts';",
      "import '../store/search/filters.ts';",
      "export { d } from '../core/d.ts';",
      "const m = await import('../pipeline/e.ts');",
      "let t: typeof import('../watch/f.ts');",
    ].join('\n');
    assert.deepEqual(importSpecifiers(source), [
      '../store/a.ts',
      '../analysis/b.ts',
      '../store/search/filters.ts',
      '../core/d.ts',
      '../pipeline/e.ts',
      '../watch/f.ts',
    ]);
  });

  it('finds the source layers it checks', () => {
    for (const layer of ['core', 'store', 'analysis', 'watch', 'sources', 'evidence', 'pipeline'])
      assert.ok(tsFiles(join(SRC, layer)).length > 0, `src/${layer} has no files`);
  });

  it('dependencies point one way: nothing imports a layer above it', () => {
    assert.deepEqual(offendingImports(), []);
  });
});

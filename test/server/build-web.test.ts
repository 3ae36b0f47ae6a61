import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { webBuildIsStale } from '../../src/server/build-web.ts';

describe('webBuildIsStale', () => {
  it('missing dist, dist older than a source, or current', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-web-'));
    try {
      mkdirSync(join(dir, 'src', 'pages'), { recursive: true });
      writeFileSync(join(dir, 'src', 'pages', 'watchlist.tsx'), 'export {};');
      writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      assert.equal(webBuildIsStale(dir), true, 'no dist yet');

      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html>');
      const t = Date.now() / 1000;
      utimesSync(join(dir, 'src', 'pages', 'watchlist.tsx'), t - 100, t - 100);
      utimesSync(join(dir, 'index.html'), t - 100, t - 100);
      utimesSync(join(dir, 'dist', 'index.html'), t - 50, t - 50);
      assert.equal(webBuildIsStale(dir), false, 'built after the last edit');

      utimesSync(join(dir, 'src', 'pages', 'watchlist.tsx'), t, t);
      assert.equal(webBuildIsStale(dir), true, 'a page edited after the build');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { importPath } from '../../src/pipeline/import.ts';
import { sqliteFactory, type TestStore } from '../helpers/stores.ts';
import { fixture } from '../sources/helpers/fixtures.ts';

/** Fixtures of every importer, good and broken: each record must end as a message, an event or a rejection. */
const INPUTS: [string, Record<string, string>?][] = [
  [fixture('telegram', 'chat-export')],
  [fixture('telegram', 'account-export')],
  [fixture('telegram', 'broken', 'result.json')],
  [fixture('mastodon', 'archive')],
  [fixture('mastodon', 'poll')],
  [fixture('twitter', 'archive')],
  [fixture('bluesky', 'repo.car')],
  [fixture('signal', 'chat.txt')],
  [fixture('signal', 'broken.txt')],
  [fixture('csv', 'messages.csv')],
  [fixture('csv', 'broken.csv')],
  [fixture('whatsapp', 'android-en')],
  [fixture('whatsapp', 'ios-en')],
  [fixture('whatsapp', 'ar')],
  [fixture('whatsapp', 'broken.txt')],
  [fixture('whatsapp', 'locales', 'ambiguous.txt')],
];

describe('no silent loss: read = new + unchanged + edited + events + rejected, for every importer', () => {
  let t: TestStore;
  before(async () => {
    t = await sqliteFactory();
  });
  after(async () => t?.dispose());
  for (const [path, options] of INPUTS)
    it(path.slice(path.indexOf('fixtures/') + 9), async () => {
      const ctx = { store: t.store, blobs: new BlobStore(join(t.dir, 'blobs')) };
      for (const round of ['first', 'again']) {
        const s = await importPath(ctx, path, { stages: [], options });
        assert.ok(s.read > 0, `${round}: something was read`);
        assert.equal(s.read, s.new + s.unchanged + s.edited + s.events + s.rejected, round);
        if (round === 'again') assert.equal(s.new, 0);
      }
    });
});

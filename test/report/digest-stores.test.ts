import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { importPath } from '../../src/pipeline/import.ts';
import { allQuotes, buildDigest } from '../../src/report/build-digest.ts';
import { digestOptions } from '../../src/report/window.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory } from '../helpers/stores.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const LINES = [
  {
    id: '1',
    author: 'doc',
    postedAt: '2016-12-13T10:00:00+02:00',
    text: 'Please help us, we are trapped under the rubble in Al-Shaar, send an ambulance now',
  },
  {
    id: '2',
    author: 'teacher',
    postedAt: '2016-12-13T11:00:00+02:00',
    text: '82 killed in the shelling of Al-Shaar today',
  },
  {
    id: '3',
    author: 'reporter',
    postedAt: '2016-12-13T12:00:00+02:00',
    text: '64 killed in the shelling of Al-Shaar today',
  },
  {
    id: '4',
    author: 'fan',
    postedAt: '2016-12-13T12:30:00+02:00',
    text: 'RT @teacher: 82 killed in the shelling of Al-Shaar today',
    repostOf: '2',
  },
  {
    id: '5',
    author: 'old',
    postedAt: '2016-12-01T12:00:00+02:00',
    text: 'Please help us, we are trapped, send an ambulance',
  },
].map((m) => JSON.stringify({ platform: 'twitter', lang: 'en', ...m }));

const cases: [string, StoreFactory][] = [['sqlite', sqliteFactory]];
if (PG_URL) cases.push(['postgres', postgresFactory]);

for (const [name, factory] of cases)
  describe(`digest on ${name}`, () => {
    it('reads the window, quotes own words only, and shows both casualty figures', async () => {
      const { store, dispose } = await factory();
      const dir = tempDir('vigil-digest-store-');
      try {
        const file = join(dir.path, 'm.jsonl');
        writeFileSync(file, `${LINES.join('\n')}\n`);
        await importPath({ store, blobs: new BlobStore(join(dir.path, 'blobs')) }, file);
        const d = await buildDigest(store, digestOptions({ since: '2016-12-13', until: '2016-12-13' }));
        assert.equal(d.totals.messages, 4);
        assert.equal(d.totals.reposts, 1);
        const ids = new Set(allQuotes(d).map((q) => q.author.id));
        assert.ok(!ids.has('fan'), 'a repost is not the reposter’s words');
        assert.ok(!ids.has('old'), 'outside the window');
        const killed = d.casualties.flatMap((i) => i.figures).find((f) => f.kind === 'killed');
        assert.deepEqual(
          killed?.values.map((v) => v.count),
          [82, 64],
        );
        assert.equal(killed?.disagree, true);
      } finally {
        await dispose();
        dir.remove();
      }
    });
  });

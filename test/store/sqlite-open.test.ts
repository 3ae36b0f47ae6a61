import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { StoreUnavailableError } from '../../src/core/errors.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { tempDir } from '../helpers/temp-dir.ts';

test('a data folder that cannot hold the SQLite store is a plain StoreUnavailableError naming the file', async (t) => {
  const dir = tempDir();
  t.after(() => dir.remove());
  const file = join(dir.path, 'not-a-folder');
  writeFileSync(file, 'x');
  await assert.rejects(
    openVigilStore({ dataDir: join(file, 'data') }),
    (err: unknown) =>
      err instanceof StoreUnavailableError &&
      err.message.startsWith(`cannot open the SQLite store at ${join(file, 'data', 'vigil.db')}: `) &&
      /ENOTDIR/.test(err.message),
  );
});

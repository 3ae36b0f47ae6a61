import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type LocalServer, localServer } from '../helpers/local-server.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { run, verifyPy, vigil } from './bag-helpers.ts';

// A message links to a page; `vigil capture --once` keeps it; the bag of that message carries the
// capture's WACZ under data/captures/, listed in the manifests, with its capture.completed event and proof.
describe('evidence bags carry the captures of their messages', () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  const env = {
    VIGIL_KEY_DIR: join(dir.path, 'keys'),
    VIGIL_FETCH_ALLOW: '127.0.0.0/8',
    VIGIL_CAPTURE_HOST_INTERVAL_MS: '0',
  };
  let server: LocalServer;
  let bag: string;
  before(async () => {
    server = await localServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<html><head><title>Field hospital</title></head><body>The field hospital in al-Sukkari was hit.</body></html>',
      );
    });
    const file = join(dir.path, 'in.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ platform: 'twitter', id: '1', author: 'lina', postedAt: '2016-12-13T14:02:00+02:00', text: `Hospital hit ${server.url}/report` })}\n`,
    );
    assert.equal((await vigil(['import', file, '--data', data], env)).code, 0);
    const c = await vigil(['capture', '--once', '--no-screenshots', '--data', data], env);
    assert.equal(c.code, 0, c.stderr);
    assert.equal((await vigil(['keys', 'init', '--name', 'example.org/vigil', '--data', data], env)).code, 0);
    bag = join(dir.path, 'bag');
    const e = await vigil(['export', '--data', data, '--out', bag, '--organization', 'Test Archive'], env);
    assert.equal(e.code, 0, e.stderr);
  });
  after(async () => {
    await server?.close();
    dir.remove();
  });

  it('puts each finished capture under data/captures/<message>/<job>/ and verify.py checks it', async () => {
    const root = join(bag, 'data', 'captures');
    assert.ok(existsSync(root), 'data/captures exists');
    const [messageId] = readdirSync(root);
    const [jobId] = readdirSync(join(root, messageId));
    const wacz = readFileSync(join(root, messageId, jobId, 'capture.wacz'));
    assert.equal(wacz.subarray(0, 2).toString('latin1'), 'PK', 'a WACZ is a zip');
    const sha = createHash('sha256').update(wacz).digest('hex');
    const manifest = readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8');
    assert.ok(manifest.includes(`${sha}  data/captures/${messageId}/${jobId}/capture.wacz`), 'listed in the manifest');
    const ledger = readFileSync(join(bag, 'data', 'ledger.jsonl'), 'utf8');
    assert.match(ledger, new RegExp(`"kind":"capture.completed".*"${sha}"`), 'its capture.completed event travels too');
    const v = await verifyPy(bag);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  it('a changed byte in a capture makes verify.py fail naming the file', async () => {
    const root = join(bag, 'data', 'captures');
    const [messageId] = readdirSync(root);
    const [jobId] = readdirSync(join(root, messageId));
    const path = join(root, messageId, jobId, 'capture.wacz');
    const b = readFileSync(path);
    b[b.length - 1] ^= 0xff;
    writeFileSync(path, b);
    const v = await run('python3', [join(bag, 'verify.py'), bag]);
    assert.notEqual(v.code, 0);
    assert.match(v.stdout + v.stderr, /capture\.wacz/);
  });
});

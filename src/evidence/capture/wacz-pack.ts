import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WACZ } from '@harvard-lil/js-wacz';

export interface WaczMeta {
  /** The page a replay opens first. */
  url: string;
  ts: string;
  title: string;
  /** Put in datapackage.json under `extras`. */
  extras?: Record<string, unknown>;
}

/**
 * Pack one capture's WARC as a WACZ (datapackage.json with SHA-256 of every file, CDXJ index,
 * pages.jsonl), the form ReplayWeb.page opens. js-wacz reads and writes files, so this goes through a
 * temporary folder that is removed afterwards.
 */
export async function packWacz(warc: Uint8Array, meta: WaczMeta): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-wacz-'));
  try {
    const input = join(dir, 'capture.warc.gz');
    const output = join(dir, 'capture.wacz');
    await writeFile(input, warc);
    const archive = new WACZ({
      input,
      output,
      detectPages: false,
      url: meta.url,
      ts: meta.ts,
      title: meta.title,
      datapackageExtras: meta.extras ?? null,
      log: { info() {}, warn() {}, error() {}, trace() {}, log() {} },
    });
    // js-wacz 0.1.6 hashes a file both through pipe() and on 'data', so every file it reads from disk
    // (the WARC) got a wrong SHA-256 in datapackage.json; this replaces that one method.
    archive.sha256 = async (file: string | Uint8Array) =>
      `sha256:${createHash('sha256')
        .update(typeof file === 'string' ? await readFile(file) : file)
        .digest('hex')}`;
    archive.addPage(meta.url, meta.title, meta.ts);
    try {
      await archive.process(false);
    } finally {
      // js-wacz starts a worker-thread pool per archive and never ends it: threads (and memory)
      // would pile up with every capture
      await archive.indexWARCPool?.destroy();
    }
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

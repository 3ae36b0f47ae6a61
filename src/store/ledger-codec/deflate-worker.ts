import { Worker } from 'node:worker_threads';

/**
 * One worker thread that deflates batches of payloads, so a bulk import's main thread (which writes the
 * rows) does not also spend about 20 µs a message in zlib. Started on first use, and holds the process
 * open only while a batch is out. The worker runs the same zlib call with the same options as the main
 * thread (ledger-codec.ts passes them), so the bytes are the same either way.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { deflateRawSync } = require('node:zlib');
const options = { ...workerData.options, dictionary: Buffer.from(workerData.dictionary) };
parentPort.on('message', ({ id, texts }) => {
  try {
    parentPort.postMessage({ id, out: texts.map((t) => deflateRawSync(t, options)) });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

interface Pending {
  resolve: (out: Buffer[]) => void;
  reject: (err: Error) => void;
}

export class DeflateWorker {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  constructor(
    private readonly dictionary: Buffer,
    private readonly options: Record<string, number>,
  ) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(SOURCE, { eval: true, workerData: { dictionary: this.dictionary, options: this.options } });
    w.unref();
    w.on('message', (m: { id: number; out?: Uint8Array[]; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.error !== undefined || !m.out) p.reject(new Error(`ledger deflate worker: ${m.error}`));
      else p.resolve(m.out.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)));
    });
    const fail = (err: Error) => {
      if (this.worker === w) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`ledger deflate worker exited (${code})`)));
    this.worker = w;
    return w;
  }

  /** Raw deflate of each text, in order. */
  deflate(texts: string[]): Promise<Buffer[]> {
    const w = this.start();
    const id = this.next++;
    return new Promise<Buffer[]>((resolve, reject) => {
      if (this.pending.size === 0) w.ref();
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, texts });
    });
  }
}

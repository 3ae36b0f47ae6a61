import { createReadStream } from 'node:fs';

/** Raw read + split on newlines + JSON.parse, nothing else: the floor cost of any JSONL import. */
export async function measureRawParse(
  path: string,
): Promise<{ lines: number; perSecond: number; mbPerSecond: number }> {
  const started = performance.now();
  let lines = 0;
  let bytes = 0;
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    bytes += Buffer.byteLength(chunk as string);
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) {
      if (p) {
        JSON.parse(p);
        lines++;
      }
    }
  }
  if (rest) {
    JSON.parse(rest);
    lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { lines, perSecond: lines / seconds, mbPerSecond: bytes / 1e6 / seconds };
}

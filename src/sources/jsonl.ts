import { open } from 'node:fs/promises';
import { parseMinimal } from './minimal-message.ts';
import { readFileLines } from './read-lines.ts';
import type { ImportInput, Source, SourceItem } from './source.ts';
import { stripBom } from './text/bom.ts';

/** Reads the minimal message shape, one JSON object per line (see minimal-message.ts). */
export const jsonlSource: Source = {
  name: 'jsonl',
  version: '1.0.0',
  async detect(input: ImportInput) {
    if (input.isDirectory) return false;
    if (/\.(jsonl|ndjson)$/i.test(input.path)) return true;
    const fh = await open(input.path, 'r');
    try {
      const { buffer, bytesRead } = await fh.read(Buffer.alloc(4096), 0, 4096, 0);
      const head = stripBom(buffer.subarray(0, bytesRead).toString('utf8')).trimStart();
      const first = head.split('\n')[0];
      return first.startsWith('{') && /"platform"\s*:/.test(first) && /"postedAt"\s*:/.test(first);
    } finally {
      await fh.close();
    }
  },
  async *read(input: ImportInput): AsyncIterable<SourceItem> {
    let consumed = 0;
    for await (const l of readFileLines(input.path)) {
      consumed = l.end;
      const place = `line=${l.line}`;
      if (!l.ok) {
        yield { kind: 'rejected', origin: '', place, reason: l.reason };
        continue;
      }
      if (l.text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(l.text);
      } catch (err) {
        yield { kind: 'rejected', origin: '', place, reason: `invalid JSON: ${(err as Error).message}` };
        continue;
      }
      const parsed = parseMinimal(value);
      if (parsed.ok) yield { kind: 'message', message: parsed.message, origin: '', place, progress: l.end };
      else yield { kind: 'rejected', origin: '', place, reason: parsed.reason };
    }
    yield { kind: 'progress', progress: consumed };
  },
};

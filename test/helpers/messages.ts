import type { PendingMessage } from '../../src/pipeline/capture.ts';
import type { RawMessage } from '../../src/sources/source.ts';

const BLOB = 'a'.repeat(64);

export function raw(id: string, text: string, over: Partial<RawMessage> = {}): RawMessage {
  return {
    platform: 'twitter',
    nativeId: id,
    author: { id: `u${id}`, handle: `user${id}` },
    postedAt: `2016-12-13T${String(10 + (Number(id) % 10)).padStart(2, '0')}:00:00+02:00`,
    text,
    media: [],
    ...over,
  };
}

export function pending(m: RawMessage, line = 1): PendingMessage {
  return {
    raw: m,
    file: 'test.jsonl',
    place: `line=${line}`,
    provenance: { source: 'test', blob: BLOB, locator: `#line=${line}`, importer: { name: 'test', version: '1' } },
  };
}
